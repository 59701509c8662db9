import type { ReactNode } from 'react';

// An accord's text is Markdown that the server keeps as typed (it is what is signed) and does not
// render. This draws the little an accord uses (headings, paragraphs, lists, bold and italics)
// as React elements, so nothing in the text can ever become markup or a script; anything else
// stays as the plain text it is. Links show their address beside their words and are not made
// clickable: a signed text should not carry people elsewhere.

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'list'; ordered: boolean; items: string[] };

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: Block | null = null;
  const close = () => {
    if (current) out.push(current);
    current = null;
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = line.match(/^(#{1,6})\s+(.*?)\s*#*\s*$/);
    const bullet = line.match(/^\s{0,3}[-*+]\s+(.*)$/);
    const numbered = line.match(/^\s{0,3}\d{1,9}[.)]\s+(.*)$/);
    if (line.trim() === '') {
      close();
    } else if (heading) {
      close();
      out.push({ kind: 'heading', level: heading[1].length, text: heading[2] });
    } else if (bullet || numbered) {
      const ordered = !bullet;
      const item = (bullet ?? numbered)![1];
      const c = current as Block | null;
      if (c?.kind === 'list' && c.ordered === ordered) c.items.push(item);
      else {
        close();
        current = { kind: 'list', ordered, items: [item] };
      }
    } else {
      const c = current as Block | null;
      if (c?.kind === 'list' && /^\s+/.test(line)) {
        // An indented line continues the list item above it.
        c.items[c.items.length - 1] += ` ${line.trim()}`;
      } else if (c?.kind === 'paragraph') {
        c.lines.push(line.trim());
      } else {
        close();
        current = { kind: 'paragraph', lines: [line.trim()] };
      }
    }
  }
  close();
  return out;
}

/** **bold**, *italic* or _italic_, and [words](address) as "words (address)". */
function inline(text: string): ReactNode[] {
  const parts = text.split(/(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|_[^_\s][^_]*_|\[[^\]]+\]\([^)\s]+\))/g);
  return parts.map((part, i) => {
    if (/^\*\*[^*]+\*\*$/.test(part)) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (/^(\*[^*]+\*|_[^_]+_)$/.test(part) && part.length > 2) return <em key={i}>{part.slice(1, -1)}</em>;
    const link = part.match(/^\[([^\]]+)\]\(([^)\s]+)\)$/);
    if (link) return `${link[1]} (${link[2]})`;
    return part;
  });
}

/**
 * The text of an accord. Its headings sit under the page's own (`baseLevel` is the level a `#`
 * heading gets), so the outline of the page stays whole.
 */
export function Markdown({ text, baseLevel = 3 }: { text: string; baseLevel?: number }) {
  return (
    <div className="accord-text">
      {blocks(text).map((b, i) => {
        if (b.kind === 'heading') {
          const level = Math.min(6, baseLevel + b.level - 1);
          const Tag = `h${level}` as 'h3';
          return <Tag key={i} className="h5">{inline(b.text)}</Tag>;
        }
        if (b.kind === 'list') {
          const Tag = b.ordered ? 'ol' : 'ul';
          return (
            <Tag key={i}>
              {b.items.map((item, j) => (
                <li key={j}>{inline(item)}</li>
              ))}
            </Tag>
          );
        }
        return (
          <p key={i}>
            {b.lines.map((line, j) => (
              <span key={j}>
                {j > 0 && ' '}
                {inline(line)}
              </span>
            ))}
          </p>
        );
      })}
    </div>
  );
}
