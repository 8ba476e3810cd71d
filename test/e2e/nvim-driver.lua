-- Headless Neovim 0.7 LSP driver (an independent, older LSP client than VS Code's).
-- Run by test/e2e/neovim.mjs:  nvim --headless --clean -u NONE -c "luafile nvim-driver.lua"
-- Parameters: a JSON file named by $NVIM_LSP_PARAMS:
--   {
--     "cmd": ["node", "dist/server.js", "--stdio"],   server command (required)
--     "root_dir": "/abs/workspace",                    workspace folder (required)
--     "file": "/abs/workspace/a.okr.yaml",             file to open (required)
--     "result": "/abs/result.json",                    where the JSON result goes (required)
--     "filetype": "okr",                               buffer filetype = didOpen languageId (optional)
--     "settings": {...}, "init_options": {...},        answered to workspace/configuration, sent in initialize
--     "min_diagnostics": 0,                            wait until at least N diagnostics (0: the first publish)
--     "hover": [{"line":0,"character":2}],             0-based LSP positions
--     "definition": [{"line":0,"character":2}],
--     "requests": [{"method":"textDocument/documentSymbol"}, {"method":"textDocument/completion","position":{...}}],
--     "timeout_ms": 10000                              per wait / request
--   }
-- Result JSON: { ok, error?, client, diagnostics, lsp_diagnostics, diagnostics_received,
--   hover: [{position, result, error}], definition: [...], requests: [...], messages, timings }
-- Neovim 0.7 has no vim.lsp.start, no pull diagnostics, no inlay hints: start_client +
-- buf_attach_client, push diagnostics only. Every wait is vim.wait with a predicate.

local uv = vim.loop
local t0 = uv.hrtime()
local function ms() return math.floor((uv.hrtime() - t0) / 1e6) end

local function read_json(path)
  local lines = vim.fn.readfile(path)
  return vim.fn.json_decode(table.concat(lines, '\n'))
end

local params_path = os.getenv('NVIM_LSP_PARAMS')
local P = params_path and read_json(params_path) or {}
local out = {
  ok = false,
  diagnostics = {},
  lsp_diagnostics = {},
  diagnostics_received = false,
  hover = {},
  definition = {},
  requests = {},
  messages = {},
  timings = {},
}

local function write_result()
  local path = P.result or os.getenv('NVIM_LSP_RESULT') or 'nvim-lsp-result.json'
  local ok, encoded = pcall(vim.fn.json_encode, out)
  if not ok then
    encoded = vim.fn.json_encode({ ok = false, error = 'json_encode failed: ' .. tostring(encoded) })
  end
  vim.fn.writefile({ encoded }, path)
end

local function main()
  assert(P.cmd and P.root_dir and P.file and P.result, 'params need cmd, root_dir, file, result')
  local timeout = P.timeout_ms or 10000
  local file = vim.fn.fnamemodify(P.file, ':p')
  local uri = vim.uri_from_fname(file)

  -- Record every publish for our file (an empty list counts: the server has answered).
  local published = 0
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri == uri then
      published = published + 1
      out.lsp_diagnostics = result.diagnostics
      out.timings.first_diagnostics_ms = out.timings.first_diagnostics_ms or ms()
    end
    return default_publish(err, result, ctx, config)
  end
  for _, m in ipairs({ 'window/logMessage', 'window/showMessage' }) do
    vim.lsp.handlers[m] = function(_, result)
      if result then table.insert(out.messages, { method = m, type = result.type, message = result.message }) end
      return vim.NIL
    end
  end

  local exited = nil
  local client_id = vim.lsp.start_client({
    name = P.name or 'e2e',
    cmd = P.cmd,
    cmd_cwd = P.root_dir,
    root_dir = P.root_dir,
    workspace_folders = { { uri = vim.uri_from_fname(P.root_dir), name = vim.fn.fnamemodify(P.root_dir, ':t') } },
    settings = P.settings or vim.empty_dict(),
    init_options = P.init_options,
    get_language_id = function(_, filetype) return P.language_id or filetype end,
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
  })
  assert(client_id, 'vim.lsp.start_client failed for ' .. vim.inspect(P.cmd))

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  if P.filetype then vim.api.nvim_buf_set_option(bufnr, 'filetype', P.filetype) end
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')

  local client
  local inited = vim.wait(timeout, function()
    client = vim.lsp.get_client_by_id(client_id)
    return (client and client.initialized) or exited ~= nil
  end, 20)
  if exited then error('server exited during initialize: ' .. vim.inspect(exited)) end
  if not inited then error('server did not initialize within ' .. timeout .. ' ms') end
  out.timings.initialized_ms = ms()
  local caps = client.server_capabilities or {}
  out.client = {
    name = client.name,
    hoverProvider = caps.hoverProvider or false,
    definitionProvider = caps.definitionProvider or false,
    textDocumentSync = caps.textDocumentSync,
    diagnosticProvider = caps.diagnosticProvider ~= nil,
  }

  local min = P.min_diagnostics or 0
  out.diagnostics_received = vim.wait(timeout, function()
    if exited then return true end
    return published > 0 and #vim.diagnostic.get(bufnr) >= min
  end, 20) and published > 0
  out.timings.diagnostics_ms = ms()
  out.diagnostics = vim.diagnostic.get(bufnr)

  local function at(pos, extra)
    local p = { textDocument = { uri = uri } }
    if pos then p.position = { line = pos.line, character = pos.character } end
    for k, v in pairs(extra or {}) do p[k] = v end
    return p
  end
  local function request(method, params)
    local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
    if not responses then return { error = tostring(err or 'no response') } end
    local r = responses[client_id]
    if not r then return { error = 'no response from client ' .. client_id } end
    if r.err then return { error = r.err } end
    return { result = r.result == nil and vim.NIL or r.result }
  end

  for _, pos in ipairs(P.hover or {}) do
    local r = request('textDocument/hover', at(pos))
    r.position = pos
    table.insert(out.hover, r)
  end
  for _, pos in ipairs(P.definition or {}) do
    local r = request('textDocument/definition', at(pos))
    r.position = pos
    table.insert(out.definition, r)
  end
  for _, q in ipairs(P.requests or {}) do
    local r = request(q.method, at(q.position, q.params))
    r.method = q.method
    r.position = q.position
    table.insert(out.requests, r)
  end
  out.timings.requests_ms = ms()
  out.server_exit = exited
  out.ok = exited == nil
  if exited then out.error = 'server exited: ' .. vim.inspect(exited) end
end

local ok, err = pcall(main)
if not ok then
  out.ok = false
  out.error = tostring(err)
end
out.timings.total_ms = ms()
write_result()
-- Ask the servers to shut down, wait briefly (predicate, not a sleep), then quit.
pcall(function()
  vim.lsp.stop_client(vim.lsp.get_active_clients())
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
end)
vim.cmd('qa!')
