// A JSON answer serialised once (cached analysis answers are sent as this text, not re-serialised).
export class JsonText {
  constructor(readonly text: string) {}
}
