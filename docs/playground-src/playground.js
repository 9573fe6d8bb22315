import { loadRubric, loadAnswerSet, scoreAnswerSet } from './policy-index.browser.js';

const RUBRIC = `schemaVersion: 1
id: playground
version: 1.0.0
title: Playground index
display: { precision: 1, rounding: half-up }
areas:
  - id: work
    title: Work
    indicators:
      - id: permit
        title: Right to work
        type: single-choice
        options:
          - { id: immediate, label: From the first day, score: 100 }
          - { id: waiting, label: After a waiting period, score: 50 }
          - { id: never, label: Not without a separate permit, score: 0 }
      - id: job-centres
        title: Public job centres
        type: yes-no
        scores: { yes: 100, no: 0 }
  - id: family
    title: Family
    indicators:
      - id: reunion-wait
        title: Years before family reunion
        type: number
        unit: years
        bands:
          - { min: 0, max: 1, score: 100 }
          - { min: 2, max: 3, score: 50 }
          - { min: 4, score: 0 }
`;
const ANSWERS = `schemaVersion: 1
rubric: playground@1.0.0
country: NL
year: 2024
answers:
  permit: waiting
  job-centres: yes
  reunion-wait: 2
`;

const rubricEl = document.getElementById('rubric');
const answersEl = document.getElementById('answers');
const diagEl = document.getElementById('diagnostics');
const treeEl = document.getElementById('tree');
const summaryEl = document.getElementById('summary');
rubricEl.value = RUBRIC;
answersEl.value = ANSWERS;

function item(cls, text) {
  const li = document.createElement('li');
  li.className = cls;
  li.textContent = text;
  return li;
}

function renderTree(node, depth, out) {
  const score = node.status === 'scored' ? node.display : node.status;
  const answer = node.answer ? (node.answer.status === 'answered' ? `  ← ${node.answer.label}` : `  ← ${node.answer.status}`) : '';
  out.push(`${'  '.repeat(depth)}${node.id}  ${node.title}: ${score}${answer}`);
  for (const c of node.children) renderTree(c, depth + 1, out);
}

function update() {
  const diagnostics = [];
  const rubric = loadRubric(rubricEl.value, { file: 'rubric.yaml' });
  diagnostics.push(...rubric.diagnostics);
  const answers = loadAnswerSet(answersEl.value, { file: 'answers.yaml' });
  diagnostics.push(...answers.diagnostics);
  let result;
  if (rubric.value && answers.value) {
    result = scoreAnswerSet(rubric.value, answers.value);
    diagnostics.push(...result.diagnostics);
  }
  diagEl.replaceChildren();
  for (const d of diagnostics) {
    diagEl.append(item(d.severity, `${d.file ?? ''}:${d.line ?? 1}:${d.column ?? 1} ${d.severity} ${d.code} ${d.message}`));
  }
  if (diagnostics.length === 0) diagEl.append(item('ok', 'No problems found.'));
  if (result) {
    const lines = [];
    renderTree(result.root, 0, lines);
    treeEl.textContent = lines.join('\n');
    summaryEl.textContent = result.variants.map((v) => `${v.title}: ${v.display ?? '—'}`).join(' · ');
  } else {
    treeEl.textContent = '';
    summaryEl.textContent = 'No score: fix the errors first.';
  }
}

let timer;
for (const el of [rubricEl, answersEl]) {
  el.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
}
update();
