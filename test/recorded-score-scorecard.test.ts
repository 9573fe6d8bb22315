/**
 * Belgium's recorded means of community answers reach the scorecards as what they are:
 * "75: mean of regional answers; which region gave which is not recorded", never as an answer
 * per region.
 */
import { describe, expect, it } from 'vitest';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { renderScorecardHtml } from '../src/report/html.js';
import { renderScorecardJson } from '../src/report/json.js';
import { renderScorecardMarkdown } from '../src/report/markdown.js';
import { buildScorecard, createScorecardContext } from '../src/report/model.js';
import { scoreAll } from '../src/report/site.js';

const TEXT = '75: mean of regional answers; which region gave which is not recorded';

describe('scorecard of a recorded mean of regional answers', () => {
  it('shows the recorded score and that the regional answers are not recorded', () => {
    const rubric = loadRubricFile('rubrics/mipex-2020').value!;
    const sets = loadAnswerSetFiles(['examples/mipex/BE/BE-2019.yaml']).value!;
    expect(sets[0]!.answers.get('cb50')).toMatchObject({ recordedScore: '75', regions: 'not-recorded' });
    const card = buildScorecard(createScorecardContext(rubric, scoreAll(rubric, sets), sets), 'BE')!;
    for (const text of [renderScorecardMarkdown(card), renderScorecardHtml(card), renderScorecardJson(card)]) {
      expect(text).toContain(TEXT);
      expect(text).not.toMatch(/BE-VLG|BE-WAL/);
    }
  });
});
