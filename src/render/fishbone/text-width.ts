// Text width for layout: CJK and symbols full width, Latin from the advance widths of Noto Sans CJK SC.

/**
 * Advance widths (per mille of the em) of printable ASCII U+0020–U+007E in Noto Sans CJK SC, read from
 * the font's hmtx table (Debian fonts-noto-cjk, NotoSansCJK-{Regular,Bold}.ttc face 2).
 */
// biome-ignore format: a table reads best as rows of ten
const ASCII_REGULAR = [
  224, 323, 474, 555, 555, 921, 680, 278, 338, 338, 467, 555, 278, 347, 278, 392, 555, 555, 555, 555,
  555, 555, 555, 555, 555, 555, 278, 278, 555, 555, 555, 474, 946, 608, 657, 638, 688, 589, 552, 689,
  728, 293, 535, 646, 543, 812, 723, 742, 633, 742, 635, 596, 599, 721, 575, 878, 573, 531, 603, 338,
  392, 338, 555, 559, 606, 563, 618, 510, 620, 554, 325, 564, 607, 275, 275, 552, 284, 926, 610, 606,
  620, 620, 388, 468, 377, 607, 521, 802, 498, 521, 475, 338, 270, 338, 555,
];
// biome-ignore format: a table reads best as rows of ten
const ASCII_BOLD = [
  227, 370, 574, 590, 590, 963, 740, 325, 378, 378, 507, 590, 325, 370, 325, 387, 590, 590, 590, 590,
  590, 590, 590, 590, 590, 590, 325, 325, 590, 590, 590, 514, 1007, 641, 681, 656, 714, 615, 585, 717,
  757, 330, 568, 686, 578, 853, 749, 770, 667, 770, 682, 624, 625, 748, 619, 915, 627, 580, 613, 378,
  387, 378, 590, 567, 626, 591, 644, 527, 644, 581, 372, 597, 640, 304, 306, 604, 315, 964, 641, 626,
  644, 644, 436, 495, 421, 637, 576, 863, 562, 574, 511, 378, 296, 378, 590,
];

/** Non-ASCII characters narrower than the em in that font (dashes, degree); everything else is full width. */
const NARROW: Record<string, number> = { "\u2014": 908, "\u2013": 544, "\u00b0": 404 };

/** Latin-1 letters with diacritics (é, ü, ñ …) are about as wide as an average lowercase letter. */
const LATIN_EXTENDED = /[\u00c0-\u024f]/u;

/** Width of one character in em. */
function charEm(ch: string, bold: boolean): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x20 && cp < 0x7f) return (bold ? ASCII_BOLD : ASCII_REGULAR)[cp - 0x20]! / 1000;
  if (cp < 0x20 || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) return 0;
  const narrow = NARROW[ch];
  if (narrow !== undefined) return narrow / 1000;
  if (LATIN_EXTENDED.test(ch)) return bold ? 0.62 : 0.6;
  return 1;
}

/** Advance width in px of `text` set at `size` px in Noto Sans CJK SC (regular or bold). */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch, bold);
  return em * size;
}

/** `text` cut to fit `maxWidth` with a trailing "…" (returned whole when it fits). */
export function fitText(text: string, maxWidth: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  const ellipsis = "…";
  let out = "";
  let w = textWidth(ellipsis, size, bold);
  for (const ch of text) {
    const cw = charEm(ch, bold) * size;
    if (w + cw > maxWidth) break;
    out += ch;
    w += cw;
  }
  return out.trimEnd() + ellipsis;
}
