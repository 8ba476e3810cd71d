/**
 * `okr-language-server`: the OKR Cascade language server for any editor
 * (Neovim, Helix, Zed, …). Speaks LSP over stdio unless a transport is named
 * (--stdio, --node-ipc, --socket=PORT, --pipe=NAME); the server itself is
 * dist/server.js, the one the VS Code extension starts.
 */
import { version } from '../../package.json';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${version}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`okr-language-server ${version} — the OKR Cascade language server

Usage: okr-language-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]

Speaks the Language Server Protocol over stdio by default. Point your editor at
it for *.okr.yaml files (language id "okr", or "yaml" where the editor has no
okr language); README.md shows the Neovim, Helix and Zed settings.
`);
} else {
  if (!args.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) process.argv.push('--stdio');
  require('./server.js');
}
