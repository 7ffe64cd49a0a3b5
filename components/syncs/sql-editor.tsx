"use client";

import Editor, { loader, type BeforeMount, type OnMount } from "@monaco-editor/react";
import type { editor, Position } from "monaco-editor";
import { useRef } from "react";

// Monaco loads from the app's own copy of the installed package (scripts/install-deps.sh), never a CDN.
loader.config({ paths: { vs: "/monaco/vs" } });

const TOKEN = "{{last_sync_time}}";
let completionRegistered = false;

type Monaco = Parameters<BeforeMount>[0];
type EditorInstance = Parameters<OnMount>[0];

/** Offers {{last_sync_time}} as soon as someone types "{" or the start of the word. */
const registerCompletion: BeforeMount = (monaco: Monaco) => {
  if (completionRegistered) return;
  completionRegistered = true;
  monaco.languages.registerCompletionItemProvider("sql", {
    triggerCharacters: ["{"],
    provideCompletionItems(model: editor.ITextModel, position: Position) {
      const before = model.getValueInRange({ startLineNumber: position.lineNumber, startColumn: 1, endLineNumber: position.lineNumber, endColumn: position.column });
      const typed = /\{{0,2}[a-z_]*$/i.exec(before)?.[0] ?? "";
      const after = model.getLineContent(position.lineNumber).slice(position.column - 1);
      const closing = /^\}{0,2}/.exec(after)?.[0].length ?? 0;
      return {
        suggestions: [
          {
            label: TOKEN,
            kind: monaco.languages.CompletionItemKind.Variable,
            insertText: TOKEN,
            filterText: TOKEN,
            detail: "Unix time the previous successful run started (0 on the first run)",
            documentation: "Compare it with a last-updated column so each run only reads rows that changed.",
            range: { startLineNumber: position.lineNumber, startColumn: position.column - typed.length, endLineNumber: position.lineNumber, endColumn: position.column + closing },
          },
        ],
      };
    },
  });
};

type Props = { value: string; onChange: (value: string) => void };

/** The Define Query editor: SQL highlighting, and {{last_sync_time}} marked and autocompleted. */
export function SqlEditor({ value, onChange }: Props) {
  const decorations = useRef<ReturnType<EditorInstance["createDecorationsCollection"]> | null>(null);

  const onMount: OnMount = (editor) => {
    const model = editor.getModel();
    if (!model) return;
    decorations.current = editor.createDecorationsCollection();
    const mark = () => {
      const matches = model.findMatches(TOKEN, false, false, true, null, false);
      decorations.current?.set(matches.map((match) => ({ range: match.range, options: { inlineClassName: "last-sync-time-token", hoverMessage: { value: "Replaced by the Unix time of the last successful run" } } })));
    };
    mark();
    model.onDidChangeContent(mark);
  };

  return (
    <div className="editor-frame" data-testid="sql-editor">
      <Editor
        height="320px"
        defaultLanguage="sql"
        value={value}
        onChange={(next) => onChange(next ?? "")}
        beforeMount={registerCompletion}
        onMount={onMount}
        loading={<div className="empty">Loading the editor…</div>}
        options={{ minimap: { enabled: false }, fontSize: 13, scrollBeyondLastLine: false, wordWrap: "on", automaticLayout: true, tabSize: 2, quickSuggestions: true }}
      />
    </div>
  );
}
