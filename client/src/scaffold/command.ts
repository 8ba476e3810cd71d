/** `OKR: New Cascade…`: pick a folder, name the company, write the trio, open the product file. */
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

export async function newCascade(args: NewCascadeArgs = {}): Promise<string[] | undefined> {
  const folder = args.folder ? toUri(args.folder) : await pickFolder();
  if (!folder) return undefined;
  const company = args.company ?? await vscode.window.showInputBox({
    title: 'New Cascade',
    prompt: 'The company at the top of the cascade',
    value: 'Acme',
    validateInput: (v) => (/[A-Za-z0-9]/.test(v) ? undefined : 'Give the company a name with a letter or digit'),
  });
  if (company === undefined) return undefined;

  const files = scaffoldCascade({ company, today: asOf(folder) ?? localToday(), taken: await unitsInWorkspace() });
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

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'New Cascade: choose a folder for the company, product and team files',
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Create Cascade Here',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
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
