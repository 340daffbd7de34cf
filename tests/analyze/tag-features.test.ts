import { describe, expect, it } from 'vitest';
import { tagFeatures } from '../../src/analyze/tag-features.js';

describe('tag features: pairs of co-occurring cue groups', () => {
  it('pairs every two cue groups a sentence has, once each', () => {
    const f = tagFeatures('Huawei signed a supply agreement with SMIC and launched the Ascend 910C.', []);
    expect(f).toContain('#cue:partnership:deal&#cue:partnership:supply');
    expect(f).toContain('#cue:product:launch&#cue:partnership:deal');
    const pairs = f.filter((x) => x.includes('&'));
    expect(new Set(pairs).size).toBe(pairs.length);
    // tag-level marks ("#cue:product") are not paired, only groups
    expect(pairs.every((p) => p.split('&').every((g) => g.split(':').length === 3))).toBe(true);
  });

  it('adds no pair when a sentence has one cue group or none, or when switched off', () => {
    expect(tagFeatures('Huawei launched a phone.', []).some((x) => x.includes('&'))).toBe(false);
    expect(tagFeatures('The weather was fine.', []).some((x) => x.includes('&'))).toBe(false);
    const off = tagFeatures('Huawei signed a supply agreement and launched a chip.', [], { cueCrosses: false });
    expect(off.some((x) => x.includes('&'))).toBe(false);
  });
});
