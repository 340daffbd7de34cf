export function deepFeed(depth: number, base?: string): string;
export function strayEndTags(depth: number, strays: number): string;
export function manyItemsFeed(items: number): string;
export function deepDivsTextareas(divs: number, textareas: number): string;
export function repeatedEventPage(bytes: number): string;
export function entityHeavyFeed(repeats: number): string;
