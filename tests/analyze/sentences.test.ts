import SentenceTokenizer from 'natural/lib/natural/tokenizers/sentence_tokenizer.js';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/analyze/sentences.js';

const cases: { name: string; text: string; sentences: string[] }[] = [
  { name: 'U.S. inside a sentence', text: 'The U.S. ban hurts Nvidia. Sales fell.', sentences: ['The U.S. ban hurts Nvidia.', 'Sales fell.'] },
  { name: 'U.S. ending a sentence before "The"', text: 'Chips are made in the U.S. The plant opens soon.', sentences: ['Chips are made in the U.S.', 'The plant opens soon.'] },
  { name: 'U.S.-China', text: 'U.S.-China tensions rose. Markets fell.', sentences: ['U.S.-China tensions rose.', 'Markets fell.'] },
  { name: 'Inc. and Corp. mid-sentence', text: 'Nvidia Corp. said Apple Inc. and others buy GPUs. Fine.', sentences: ['Nvidia Corp. said Apple Inc. and others buy GPUs.', 'Fine.'] },
  { name: 'Inc. ending a sentence', text: 'He joined Apple Inc. The move surprised many.', sentences: ['He joined Apple Inc.', 'The move surprised many.'] },
  { name: 'Dr. title', text: 'Dr. Li spoke first. Then questions.', sentences: ['Dr. Li spoke first.', 'Then questions.'] },
  { name: 'No. 1 before a number', text: 'Huawei is No. 1 in China. Nvidia is second.', sentences: ['Huawei is No. 1 in China.', 'Nvidia is second.'] },
  { name: 'no. ending a sentence', text: 'He said no. Then he left.', sentences: ['He said no.', 'Then he left.'] },
  { name: 'decimals', text: 'It needs 2.5 GW and 1,000.5 MW. Done.', sentences: ['It needs 2.5 GW and 1,000.5 MW.', 'Done.'] },
  { name: 'ellipsis inside a sentence', text: 'Prices rose... and then fell. Next.', sentences: ['Prices rose... and then fell.', 'Next.'] },
  { name: 'unicode ellipsis inside a sentence', text: 'Prices rose… and then fell. Next.', sentences: ['Prices rose… and then fell.', 'Next.'] },
  { name: 'question and exclamation', text: 'Is it fast? Yes! Very.', sentences: ['Is it fast?', 'Yes!', 'Very.'] },
  { name: 'closing quote after the stop', text: 'He said, "It is better." Then he left.', sentences: ['He said, "It is better."', 'Then he left.'] },
  { name: 'initial in a name', text: 'Jensen H. Huang spoke. Applause.', sentences: ['Jensen H. Huang spoke.', 'Applause.'] },
  { name: 'unit letter after a number ends a sentence', text: 'The chip draws 700 W. Nvidia disagrees.', sentences: ['The chip draws 700 W.', 'Nvidia disagrees.'] },
  { name: 'a.m. and p.m. inside a sentence', text: 'Kickoff moved from 1 p.m. to 4:25 p.m. on Sunday. Tickets went on sale at 10 a.m. Friday.', sentences: ['Kickoff moved from 1 p.m. to 4:25 p.m. on Sunday.', 'Tickets went on sale at 10 a.m. Friday.'] },
  { name: 'p.m. ending a sentence', text: 'It starts at 8 p.m. The doors open earlier.', sentences: ['It starts at 8 p.m.', 'The doors open earlier.'] },
  { name: 'Rt. Hon. titles', text: 'The Rt. Hon. Jane Doe spoke. Then she left.', sentences: ['The Rt. Hon. Jane Doe spoke.', 'Then she left.'] },
  { name: 'domain name', text: 'Read it on aicnbc.com today. Thanks.', sentences: ['Read it on aicnbc.com today.', 'Thanks.'] },
  { name: 'paragraphs split first', text: 'First paragraph without a stop\nSecond one. Third.', sentences: ['First paragraph without a stop', 'Second one.', 'Third.'] },
  { name: 'blank lines and spaces', text: '\n\n  One.  \n\n Two. \n', sentences: ['One.', 'Two.'] },
  { name: 'Chinese sentence ends', text: '华为发布新芯片。寒武纪营收大增！真的吗？', sentences: ['华为发布新芯片。', '寒武纪营收大增！', '真的吗？'] },
  { name: 'Chinese closing quote stays with its sentence', text: '他说：“这是真的。”然后离开了。', sentences: ['他说：“这是真的。”', '然后离开了。'] },
  { name: 'Chinese semicolon does not end a sentence', text: '华为一期500兆瓦；二期2吉瓦。完成。', sentences: ['华为一期500兆瓦；二期2吉瓦。', '完成。'] },
  { name: 'mixed Chinese and English', text: 'Nvidia表示H20将恢复供应。The U.S. agreed. 市场上涨。', sentences: ['Nvidia表示H20将恢复供应。', 'The U.S. agreed.', '市场上涨。'] },
  { name: 'decimal inside Chinese', text: '装机达到36.5亿千瓦。增长5.2%。', sentences: ['装机达到36.5亿千瓦。', '增长5.2%。'] },
  { name: 'empty text', text: '', sentences: [] },
];

describe('splitSentences', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = splitSentences(c.text);
    expect(got.map((s) => s.text)).toEqual(c.sentences);
    got.forEach((s, i) => {
      expect(s.index).toBe(i);
      expect(c.text.slice(s.start, s.end)).toBe(s.text);
    });
  });

  it('keeps offsets exact and bounded on a long paragraph with no stops', () => {
    const text = `${'word '.repeat(20_000)}end. Next sentence.`;
    const got = splitSentences(text);
    expect(got.length).toBeGreaterThan(1);
    for (const s of got) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(got[got.length - 1]?.text).toBe('Next sentence.');
  });

  it('splits a long paragraph of many sentences the same as natural would piecewise', () => {
    const text = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} mentions the U.S. market.`).join(' ');
    const got = splitSentences(text);
    expect(got).toHaveLength(400);
    expect(got[399]?.text).toBe('Sentence number 399 mentions the U.S. market.');
  });

  // The one-scan placeholder reversal must give natural's own answers (the unmodified
  // tokenizer is the reference): addresses, numbers, runs of ends, quotes and brackets.
  // (Texts with no dot that splitSentences masks first, so both see the same input.)
  const naturalCases = [
    'See http://localhost:8080/a?b=1. Then go! Is it ftp://host/x?y now? Yes.',
    'He said "stop!" and left. Then (again) he returned?! Odd… Very odd.',
    'Prices rose 1,234.5 percent. Sales fell 3 percent! Why? Nobody knows.',
    'No end here',
    'Ends with spaces .  Next one ? Last !',
    Array.from({ length: 60 }, (_, i) => `Point ${i} is at http://host${i}/p?q=${i}! Really?`).join(' '),
  ];
  it.each(naturalCases.map((t) => [t.slice(0, 40), t] as const))('gives natural\'s own sentences: %s', (_name, text) => {
    const reference = new SentenceTokenizer([], true).tokenize(text).filter((x) => x !== '');
    expect(splitSentences(text).map((x) => x.text)).toEqual(reference);
  });
});

