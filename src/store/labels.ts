// Entity and tag labels as event_labels tokens. Pure.
//
// A label becomes one ASCII token: a kind letter and the label's UTF-8 bytes in hex. Any
// entity id or tag (dashes, dots, CJK) is thus exactly one token that the tokenizer
// neither splits nor folds, and matching stays exact, as a b-tree key would be.

export type LabelKind = 'entity' | 'tag';

export function labelToken(kind: LabelKind, value: string): string {
  return `${kind === 'entity' ? 'e' : 't'}${Buffer.from(value, 'utf8').toString('hex')}`;
}

/** The text indexed for one event: its entities' and tags' tokens. */
export function labelsText(entities: readonly string[], tags: readonly string[]): string {
  return [...entities.map((e) => labelToken('entity', e)), ...tags.map((t) => labelToken('tag', t))].join(' ');
}

/** An event_labels MATCH expression requiring every given label. */
export function labelsMatch(labels: ReadonlyArray<[LabelKind, string]>): string {
  return labels.map(([kind, value]) => labelToken(kind, value)).join(' AND ');
}
