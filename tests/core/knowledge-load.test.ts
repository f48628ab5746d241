import { describe, expect, it } from 'vitest';
import { checkKnowledge, formatProblem } from '../../src/knowledge/load.js';
import { editedBase, errorsOf, once } from './knowledge-copy.js';

const MACHINE_TOOLS = 'facts/machine-tools.yml';
const SHARE = 'machine-tools-china-share-q4-2023';

describe('knowledge check: every problem once, in one run', () => {
  it('reports a value typed as text as exactly one error naming file, fact and field', () => {
    // Facts in three other files relate to this fact; none of them may be reported.
    const dir = editedBase({ [MACHINE_TOOLS]: once('value: 900000000', 'value: "900 million"') });
    expect(errorsOf(dir)).toEqual([
      `${MACHINE_TOOLS} ${SHARE} facts.0.figures.1.value: Invalid input: expected number, received string`,
    ]);
    expect(checkKnowledge(dir).knowledge).toBeUndefined();
  });

  it('reports two mistakes in one fact, schema and cross-reference, in the same run', () => {
    const dir = editedBase({
      [MACHINE_TOOLS]: (text) =>
        once(
          'value: 900000000',
          'value: "900 million"',
        )(
          once('topics: [machine-tools, defence-industry]', 'topics: [machine-tool, defence-industry]')(text),
        ),
    });
    expect(errorsOf(dir)).toEqual([
      `${MACHINE_TOOLS} ${SHARE} facts.0.figures.1.value: Invalid input: expected number, received string`,
      `${MACHINE_TOOLS} ${SHARE} topics.0: unknown topic "machine-tool" (see knowledge/topics.yml)`,
    ]);
  });

  it('reports every schema problem of every fact, in several files', () => {
    const dir = editedBase({
      [MACHINE_TOOLS]: once('certainty: asserted\n    figures:', 'certainty: probably\n    figures:'),
      'facts/space.yml': once('certainty: ', 'colour: red\n    certainty: '),
    });
    const errors = errorsOf(dir);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^facts\/machine-tools\.yml machine-tools-china-share-q4-2023 facts\.0\.certainty: /,
    );
    expect(errors[1]).toMatch(
      /^facts\/space\.yml space-satellite-support facts\.0: Unrecognized key: "colour"/,
    );
  });

  it('gives a YAML slip one readable line with line and column, and no knock-on errors in other files', () => {
    const dir = editedBase({
      [MACHINE_TOOLS]: once(
        '    attribution: "senior US officials"\n    certainty: asserted\n    figures:',
        '     attribution: "senior US officials"\n    certainty: asserted\n    figures:',
      ),
    });
    const { problems } = checkKnowledge(dir);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /machine-tools\.yml: YAML syntax error at line \d+, column \d+: All mapping items must start at the same column$/,
      ),
    ]);
  });

  it('still reports a related fact that exists nowhere', () => {
    const dir = editedBase({
      [MACHINE_TOOLS]: once(
        'related: [machine-tools-china-share-q4-2023,',
        'related: [machine-tools-china-share-q4-2023, no-such-fact,',
      ),
    });
    expect(errorsOf(dir)).toEqual([
      `${MACHINE_TOOLS} dalian-machine-tool-named related.1: related fact "no-such-fact" does not exist`,
    ]);
  });
});
