// Types for tests that import the page's formatting (the page itself is plain JavaScript).
export function formatFigure(si: number, kind: 'power' | 'energy' | string): string;
export function safeHref(url: unknown): string | null;
export function formatTime(iso: string | null | undefined, timeZone?: string): string;
export function nextLink(header: string | null | undefined): string | null;
