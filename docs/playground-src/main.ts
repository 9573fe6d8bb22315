// The playground page: two CodeMirror editors (rubric, answer set), the diagnostics list in the
// CLI's words with links to the diagnostic reference, inline lint marks, and the score tree.
// Bundled into one classic script by scripts/playground.ts; the work itself is evaluate.ts.
import { basicSetup, EditorView } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { evaluate, rangeOf, type EditorName, type PlaygroundNode, type PlaygroundResult } from './evaluate.js';
import type { Preset } from './presets.js';

/** Replaced at build time with the presets read from the repository's files. */
declare const PLAYGROUND_PRESETS: readonly Preset[];

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

const presetSelect = element<HTMLSelectElement>('preset');
const presetNote = element('preset-note');
const diagnosticsList = element<HTMLUListElement>('diagnostics');
const summaryLine = element('summary');
const headline = element('headline');
const caveatBox = element('caveat');
const treeBox = element('tree');

let timer: ReturnType<typeof setTimeout> | undefined;
function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(update, 200);
}

function editor(parent: HTMLElement, label: string): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) schedule();
        }),
      ],
    }),
  });
}

const views: Record<EditorName, EditorView> = {
  rubric: editor(element('rubric-editor'), 'Rubric (YAML)'),
  answers: editor(element('answers-editor'), 'Answer set (YAML)'),
};

function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 } });
}

function goTo(name: EditorName, from: number, to: number): void {
  const view = views[name];
  view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
  view.focus();
}

function renderDiagnostics(result: PlaygroundResult): void {
  const texts: Record<EditorName, string> = { rubric: views.rubric.state.doc.toString(), answers: views.answers.state.doc.toString() };
  const marks: Record<EditorName, LintDiagnostic[]> = { rubric: [], answers: [] };
  diagnosticsList.replaceChildren();
  for (const item of result.diagnostics) {
    const d = item.diagnostic;
    const li = make('li', d.severity);
    const text = make('pre', 'text', item.text);
    if (item.editor) {
      const name = item.editor;
      const { from, to } = rangeOf(texts[name], d);
      marks[name].push({ from, to, severity: d.severity, source: d.code, message: d.hint ? `${d.message} (${d.hint})` : d.message });
      const go = make('button', 'go');
      go.type = 'button';
      go.title = `Show ${d.file}:${d.line}:${d.column ?? 1} in the editor`;
      go.append(text);
      go.addEventListener('click', () => goTo(name, from, to));
      li.append(go);
    } else li.append(text);
    const link = make('a', 'docs', `About ${d.code}`);
    link.href = item.docsUrl;
    li.append(link);
    diagnosticsList.append(li);
  }
  summaryLine.textContent = result.summary;
  for (const name of ['rubric', 'answers'] as const) views[name].dispatch(setDiagnostics(views[name].state, marks[name]));
}

function renderNode(node: PlaygroundNode, depth: number): HTMLElement {
  const row = make('div', `node ${node.scored ? 'scored' : 'unscored'}`);
  row.append(make('span', 'score', node.score), make('span', 'id', node.id), make('span', 'title', node.title));
  const facts: string[] = [];
  if (node.aggregation) facts.push(node.aggregation);
  if (node.weight) facts.push(node.weight);
  if (node.exact) facts.push(`exact ${node.exact}`);
  if (node.handling) facts.push(node.handling);
  if (facts.length) row.append(make('div', 'facts', facts.join(' · ')));
  if (node.matchedRow) row.append(make('div', 'matched', `matched ${node.matchedRow}`));
  if (node.answer) row.append(make('div', 'answer', `answer: ${node.answer}`));
  if (node.reason) row.append(make('div', 'reason', node.reason));
  if (node.children.length === 0) {
    const leaf = make('div', 'leaf');
    leaf.append(row);
    return leaf;
  }
  const details = make('details');
  details.open = depth < 3;
  const summary = make('summary');
  summary.append(row);
  const list = make('ul');
  for (const c of node.children) {
    const li = make('li');
    li.append(renderNode(c, depth + 1));
    list.append(li);
  }
  details.append(summary, list);
  return details;
}

function renderScore(result: PlaygroundResult): void {
  headline.replaceChildren();
  headline.className = result.standing;
  if (result.standing !== 'none') {
    for (const v of result.variants) {
      const p = make('p', v.chosen ? 'variant chosen' : 'variant');
      if (result.standing === 'provisional') p.append(make('span', 'badge', 'provisional'));
      p.append(make('span', 'value', v.score), ` ${v.title}`);
      headline.append(p);
    }
  } else headline.append(make('p', 'no-score', 'No score'));
  caveatBox.hidden = !result.caveat;
  caveatBox.textContent = result.caveat ?? '';
  treeBox.replaceChildren();
  treeBox.className = result.standing;
  if (result.tree) treeBox.append(renderNode(result.tree, 0));
}

/** Shows that nothing could be worked out: no old diagnostics, no old score. */
function renderFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  diagnosticsList.replaceChildren(make('li', 'error', `The playground failed: ${message}`));
  summaryLine.textContent = 'The playground failed; the results were cleared.';
  headline.replaceChildren(make('p', 'no-score', 'No score'));
  headline.className = 'none';
  caveatBox.hidden = false;
  caveatBox.textContent = 'No score: the playground failed on this input, so no result is shown.';
  treeBox.replaceChildren();
  for (const name of ['rubric', 'answers'] as const) views[name].dispatch(setDiagnostics(views[name].state, []));
}

function update(): void {
  clearTimeout(timer);
  try {
    const result = evaluate({ rubric: views.rubric.state.doc.toString(), answers: views.answers.state.doc.toString() });
    renderDiagnostics(result);
    renderScore(result);
  } catch (error) {
    renderFailure(error);
  }
  document.body.dataset.evaluated = String(Number(document.body.dataset.evaluated ?? '0') + 1);
}

function loadPreset(id: string): void {
  const preset = PLAYGROUND_PRESETS.find((p) => p.id === id) ?? PLAYGROUND_PRESETS[0];
  if (!preset) return;
  setText(views.rubric, preset.rubric);
  setText(views.answers, preset.answers);
  presetNote.textContent = `From ${preset.from.join(' and ')}.`;
  update();
}

for (const p of PLAYGROUND_PRESETS) {
  const option = make('option', undefined, p.title);
  option.value = p.id;
  presetSelect.append(option);
}
presetSelect.addEventListener('change', () => loadPreset(presetSelect.value));
loadPreset(presetSelect.value);
