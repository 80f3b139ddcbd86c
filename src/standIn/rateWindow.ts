// Per-minute rate-limit accounting behind the stand-in's anthropic-ratelimit-* headers.
/** Per-minute rate-limit accounting, only so the anthropic-ratelimit-* headers move like the real ones. */
export class RateWindow {
  private start = Date.now();
  private requests = 0;
  private inputTokens = 0;
  private outputTokens = 0;

  private roll(): void {
    if (Date.now() - this.start >= 60_000) {
      this.start = Date.now();
      this.requests = 0;
      this.inputTokens = 0;
      this.outputTokens = 0;
    }
  }

  countRequest(): void {
    this.roll();
    this.requests++;
  }

  countTokens(input: number, output: number): void {
    this.roll();
    this.inputTokens += input;
    this.outputTokens += output;
  }

  headers(): Record<string, string> {
    this.roll();
    const reset = new Date(this.start + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    // The real API rounds the remaining tokens down to the thousand.
    const left = (limit: number, used: number) => String(Math.max(0, Math.floor((limit - used) / 1000) * 1000));
    return {
      'anthropic-ratelimit-requests-limit': '4000',
      'anthropic-ratelimit-requests-remaining': String(Math.max(0, 4000 - this.requests)),
      'anthropic-ratelimit-requests-reset': reset,
      'anthropic-ratelimit-input-tokens-limit': '2000000',
      'anthropic-ratelimit-input-tokens-remaining': left(2_000_000, this.inputTokens),
      'anthropic-ratelimit-input-tokens-reset': reset,
      'anthropic-ratelimit-output-tokens-limit': '400000',
      'anthropic-ratelimit-output-tokens-remaining': left(400_000, this.outputTokens),
      'anthropic-ratelimit-output-tokens-reset': reset,
      'anthropic-ratelimit-tokens-limit': '2400000',
      'anthropic-ratelimit-tokens-remaining': left(2_400_000, this.inputTokens + this.outputTokens),
      'anthropic-ratelimit-tokens-reset': reset,
    };
  }
}
