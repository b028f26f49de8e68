// A JSON answer serialised once, kept as UTF-8 bytes (cached analysis answers are sent as they are).
export class JsonText {
  readonly body: Buffer;
  constructor(text: string) {
    this.body = Buffer.from(text, "utf8");
  }
  get text(): string {
    return this.body.toString("utf8");
  }
  get byteLength(): number {
    return this.body.byteLength;
  }
}
