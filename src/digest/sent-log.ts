// What sending a digest needs from the sent log (src/store's digests_sent table, reached
// through Store.digestsSent): claim a day for some recipients, then mark it sent or give
// the claim back, so the same day never goes to the same people twice.

export interface SentLog {
  wasSent(date: string, to: readonly string[]): boolean;
  /** Takes the right to send: false when it was sent, or another sender holds a fresh claim. */
  claim(date: string, to: readonly string[], now: Date): boolean;
  markSent(date: string, to: readonly string[], rec: { messageId: string | null; events: number }, now: Date): void;
  /** Gives a claim back after a failed send, so the next try can send. */
  release(date: string, to: readonly string[]): void;
  /** Forgets a sent digest, so it can be sent again (`--force`). */
  forget(date: string, to: readonly string[]): void;
}
