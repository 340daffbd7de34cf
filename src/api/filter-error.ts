import { ApiError } from './errors.js';

// A filter parameter the user got wrong, named: the API answers 400 with `"min" must be…`,
// the CLI exits 2 with `--min must be…`. One message, two spellings of the name.

export class FilterError extends ApiError {
  constructor(
    override readonly param: string,
    /** What is wrong, without the name: `must be a number with a unit…, got "x"`. */
    readonly detail: string,
  ) {
    super(400, `"${param}" ${detail}`, param);
    this.name = 'FilterError';
  }

  /** The message naming the command-line flag instead. */
  forFlag(): string {
    return `--${this.param} ${this.detail}`;
  }
}
