// Starts `medlint server` for Markdown, plain text and HTML documents.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("medlint");
  // A configured path, else `medlint` as the PATH finds it.
  const command = config.get<string>("path") || "medlint";
  const docsUrl = config.get<string>("docsUrl");
  const server: ServerOptions = { command, args: ["server"] };
  const options: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "html" },
      { scheme: "untitled", language: "markdown" },
    ],
    initializationOptions: docsUrl ? { docsUrl } : {},
  };
  client = new LanguageClient("medlint", "medlint", server, options);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("medlint")) {
        void vscode.window.showInformationMessage(
          "medlint: reload the window to use the new settings."
        );
      }
    })
  );
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(
      `medlint: cannot start \`${command} server\` (${e}). Install medlint or set medlint.path.`
    );
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
