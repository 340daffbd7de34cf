import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../src/service/redis.js';

describe('Redis reconnects', () => {
  it('reconnect delay doubles from 0.5 s and stops at 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(reconnectDelay)).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
  });
});
