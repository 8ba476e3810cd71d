/**
 * `OKR: New Cascade…`: pick a folder (a workspace folder, or any through the
 * folder dialog), name the company, write the trio, open the product file.
 * A folder that already holds a cascade (cascade files in it, below it, or in
 * a folder above it within the workspace) is never written into silently: a
 * modal warning says so and offers a new subfolder or another folder.
 */
import * as vscode from 'vscode';
import { asOf } from '../config';
import { scaffoldCascade } from '../../../server/src/core/scaffold';

/** Internal arguments that skip the dialogs (tests). */
export interface NewCascadeArgs {
  /** Folder to create the files in (a path or a URI string). */
  folder?: string;
  company?: string;
  /** Do not open the product file afterwards. */
  noOpen?: boolean;
}

const CASCADE_FILE = /\.okr\.ya?ml$/;
const SKIP = new Set(['node_modules', '.git', 'dist']);
/** How deep below the chosen folder, and how many files, are enough to tell that a cascade is there. */
const MAX_DEPTH = 6;
const ENOUGH = 50;

export async function newCascade(args: NewCascadeArgs = {}): Promise<string[] | undefined> {
  let folder = args.folder ? toUri(args.folder) : await pickFolder();
  if (!folder) return undefined;
  const company = args.company ?? await vscode.window.showInputBox({
    title: 'New Cascade',
    prompt: 'The company at the top of the cascade',
    value: 'Acme',
    validateInput: (v) => (/[A-Za-z0-9]/.test(v) ? undefined : 'Give the company a name with a letter or digit'),
  });
  if (company === undefined) return undefined;

  const files = scaffoldCascade({ company, today: asOf(folder) ?? localToday(), taken: await unitsInWorkspace() });
  // Never into an existing cascade without saying so: a new subfolder, another folder, or nothing.
  for (let existing = await cascadeAround(folder); existing; existing = await cascadeAround(folder)) {
    const sub = await freeName(folder, files[0].unit);
    const here = `Create in ${sub}/`;
    const other = 'Choose Another Folder…';
    const where = existing.dir.path === folder.path ? 'already holds a cascade:' : `is inside the folder of a cascade: ${shown(existing.dir)} holds`;
    const choice = await vscode.window.showWarningMessage(
      `${shown(folder)} ${where} ${described(existing.files)}.`,
      {
        modal: true,
        detail: `The new company, product and team files would join that cascade. Create them in a new subfolder, ${shown(vscode.Uri.joinPath(folder, sub))}, or choose another folder.`,
      },
      here,
      other,
    );
    if (choice === here) {
      folder = vscode.Uri.joinPath(folder, sub);
      break;
    }
    if (choice !== other) return undefined;
    const picked = await pickFolder(true);
    if (!picked) return undefined;
    folder = picked;
  }

  const uris = files.map((f) => vscode.Uri.joinPath(folder, f.path));
  for (const u of uris) {
    if (await exists(u)) {
      void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(u)} already exists; pick another folder or company name.`);
      return undefined;
    }
  }
  for (let i = 0; i < files.length; i++) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uris[i], '..'));
    await vscode.workspace.fs.writeFile(uris[i], new TextEncoder().encode(files[i].text));
  }
  if (!args.noOpen) await vscode.window.showTextDocument(uris[1], { preview: false });
  if (!vscode.workspace.getWorkspaceFolder(folder) && !args.folder) {
    // The server checks the open folders: outside them, it sees only the open file.
    void vscode.window.showInformationMessage('The new cascade is outside the open folder, so it is checked only file by file. Open its folder to check it as a whole.', 'Open Folder').then((a) => {
      if (a) void vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: true });
    });
  }
  return uris.map((u) => u.toString());
}

/** A workspace folder from a quick pick, or any folder through the dialog (directly when no folder is open, or `dialog`). */
async function pickFolder(dialog = false): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!dialog && folders.length) {
    type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
    const items: Item[] = [
      ...folders.map((f) => ({ label: `$(root-folder) ${f.name}`, description: f.uri.scheme === 'file' ? f.uri.fsPath : f.uri.toString(), uri: f.uri })),
      { label: '$(folder-opened) Choose a folder…', description: 'any folder, or a new one' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'New Cascade: where should the company, product and team files go?', placeHolder: 'A folder for the new cascade' });
    if (!picked) return undefined;
    if (picked.uri) return picked.uri;
  }
  const chosen = await vscode.window.showOpenDialog({
    title: 'New Cascade: choose a folder for the company, product and team files',
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Create Cascade Here',
    defaultUri: folders[0]?.uri,
  });
  return chosen?.[0];
}

/**
 * The cascade `folder` belongs to, if any: cascade files in it or below it
 * (then `dir` is `folder`), else directly in the nearest folder above it up
 * to its workspace folder (then `dir` is that folder). Nothing for a folder
 * that does not exist yet, outside any cascade.
 */
async function cascadeAround(folder: vscode.Uri): Promise<{ dir: vscode.Uri; files: vscode.Uri[] } | undefined> {
  const found: vscode.Uri[] = [];
  const walk = async (dir: vscode.Uri, depth: number): Promise<void> => {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return; // missing or unreadable: nothing there
    }
    for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      if (found.length >= ENOUGH) return;
      if (type & vscode.FileType.File && CASCADE_FILE.test(name)) found.push(vscode.Uri.joinPath(dir, name));
      else if (type & vscode.FileType.Directory && depth < MAX_DEPTH && !SKIP.has(name)) await walk(vscode.Uri.joinPath(dir, name), depth + 1);
    }
  };
  await walk(folder, 0);
  if (found.length) return { dir: folder, files: found };
  const root = vscode.workspace.getWorkspaceFolder(folder)?.uri;
  for (let dir = folder; root && dir.path !== root.path && dir.path.startsWith(root.path); ) {
    dir = vscode.Uri.joinPath(dir, '..');
    await walk(dir, MAX_DEPTH); // that folder's own files only
    if (found.length) return { dir, files: found };
  }
  return undefined;
}

/** `3 .okr.yaml files, such as okrs/acme.okr.yaml` */
function described(files: vscode.Uri[]): string {
  const n = files.length >= ENOUGH ? `${ENOUGH}+` : String(files.length);
  return `${n} cascade file${files.length === 1 ? '' : 's'}, such as ${vscode.workspace.asRelativePath(files[0])}`;
}

/** A folder as the user knows it: `samples/okrs/` inside the workspace, else its path. */
function shown(u: vscode.Uri): string {
  const ws = vscode.workspace.getWorkspaceFolder(u);
  if (!ws) return u.scheme === 'file' ? u.fsPath : u.toString();
  return ws.uri.path === u.path ? `${ws.name}/` : `${ws.name}/${vscode.workspace.asRelativePath(u, false)}/`;
}

/** `base`, or `base-2`, `base-3`, … : a name nothing in `folder` has. */
async function freeName(folder: vscode.Uri, base: string): Promise<string> {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}-${i}`;
    if (!(await exists(vscode.Uri.joinPath(folder, name)))) return name;
  }
}

/** Unit ids already declared in the workspace, so the new ones do not clash. */
async function unitsInWorkspace(): Promise<Set<string>> {
  const out = new Set<string>();
  const files = await vscode.workspace.findFiles('**/*.okr.{yaml,yml}', '**/node_modules/**', 2000);
  await Promise.all(files.map(async (f) => {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(f));
      const m = /^unit\s*:\s*["']?([A-Za-z0-9][\w.-]*)/m.exec(text);
      if (m) out.add(m[1]);
    } catch { /* unreadable: ignore */ }
  }));
  return out;
}

async function exists(u: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(u);
    return true;
  } catch {
    return false;
  }
}

function toUri(s: string): vscode.Uri {
  return /^[a-zA-Z][\w+.-]+:/.test(s) && !/^[a-zA-Z]:[\\/]/.test(s) ? vscode.Uri.parse(s, true) : vscode.Uri.file(s);
}

function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
