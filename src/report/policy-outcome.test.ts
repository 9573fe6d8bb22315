import { describe, expect, it } from 'vitest';
import { buildPolicyOutcomeView } from '../analysis/policy-outcome.js';
import { escapeXml } from '../source/markup.js';
import { renderPolicyOutcomeSvg, renderPolicyOutcomeText } from './policy-outcome.js';

describe('rendering', () => {
  const { value } = buildPolicyOutcomeView(
    [{ country: 'AT', year: 2019, value: 46 }, { country: 'SE', year: 2019, value: 86 }, { country: 'PT', year: 2019, value: 81 }],
    [{ country: 'AT', year: 2019, value: -12 }, { country: 'SE', year: 2019, value: -20 }, { country: 'PT', year: 2019, value: 2 }],
    { policyLabel: 'Policy <score> & "more"', outcomeLabel: "Gap 'pp'" },
  );

  it('produces a self-contained, accessible SVG with escaped text', () => {
    const svg = renderPolicyOutcomeSvg(value);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="policy-outcome-title policy-outcome-desc"');
    expect(svg).toMatch(/<title id="policy-outcome-title">Gap &apos;pp&apos; against Policy &lt;score&gt; &amp; &quot;more&quot;<\/title>/);
    expect(svg).toMatch(/<desc id="policy-outcome-desc">[^<]*association[^<]*<\/desc>/);
    expect(svg).not.toContain('<score>');
    expect(svg).not.toMatch(/href=|<script|<image/);
    for (const c of ['AT', 'SE', 'PT']) expect(svg).toContain(`>${c}</text>`);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    // Well-formed enough for a parser: every element that opens also closes.
    expect(svg.match(/<g[ >]/g)!.length).toBe(svg.match(/<\/g>/g)!.length);
  });

  it('escapes XML special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('renders text and CSV', () => {
    expect(renderPolicyOutcomeText(value)).toContain('Pearson r = ');
    expect(renderPolicyOutcomeText(value, 'csv').split('\n')[1]).toBe('AT,2019,2019,46,-12');
  });
});
