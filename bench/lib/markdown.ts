// A long markdown answer of a given size, varied the way a model's answers are: sections with headings, prose
// with inline markup, lists with links, fenced code, tables and quotes. Deterministic, so runs compare.

export const FIRST_HEADING = 'First heading';
export const LAST_HEADING = 'Last heading';

const SENTENCE = 'The quick brown fox jumps over the lazy dog while the inspector renders every **word** and `code` span. ';

/** About `chars` characters of markdown, beginning with "# First heading" and ending with "# Last heading". */
export function longMarkdown(chars: number): string {
  const head = `# ${FIRST_HEADING}\n\nThe answer begins here.\n\n`;
  const foot = `# ${LAST_HEADING}\n\nThe end.\n`;
  const parts = [head];
  let length = head.length + foot.length;
  for (let i = 0; length < chars; i++) {
    let part: string;
    switch (i % 6) {
      case 0:
        part = `## Section ${i}\n\n${SENTENCE.repeat(6)}\n\n`;
        break;
      case 1:
        part = `- item ${i} one\n- item two with [a link](https://example.com/${i})\n- item three\n\n`;
        break;
      case 2:
        part = '```ts\n' + `const value${i} = ${i};\nfunction f${i}() { return value${i} * 2; }\n` + '```\n\n';
        break;
      case 3:
        part = `| key | value |\n|---|--:|\n| ${i} | ${i * 2} |\n| a | b |\n\n`;
        break;
      case 4:
        part = `> Quoted ${i}: ${SENTENCE}\n\n`;
        break;
      default:
        part = `${SENTENCE.repeat(4)}\n\n`;
    }
    parts.push(part);
    length += part.length;
  }
  parts.push(foot);
  return parts.join('');
}

export const MB = 1024 * 1024;

export function megabytes(chars: number): string {
  return `${(chars / MB).toFixed(chars < MB ? 2 : 1)} MB`;
}
