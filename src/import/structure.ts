/**
 * Blocks → outline. Administrative documents number their parts in a fixed order of styles
 * (I. → 1. → 1.1. → a) → - → +), but a document may skip levels (seed 004 has no letters, seed 000 no
 * roman numerals), so a style's depth is learnt from the order it first appears in, not fixed.
 */
import { markerPattern, type Block } from './text.js';

export type MarkerStyle = 'roman' | 'num1' | 'num2' | 'num3' | 'letter' | 'dash' | 'plus';

export interface OutlineNode {
  style: MarkerStyle | 'root';
  /** The numbering as written: "V", "2", "2.1", "đ", "-" . */
  marker: string;
  /** Text after the marker (for a heading: its title). */
  title: string;
  /** Unnumbered paragraphs that follow the heading, in order. */
  body: string[];
  children: OutlineNode[];
  line: number;
  /** Dotted id in the convention of docs/encoding-seeds.md: "v.1", "iii.2.b", "v.11.3". */
  id: string;
  parent?: OutlineNode;
}

const styleRank: Record<MarkerStyle, number> = { roman: 0, num1: 1, num2: 2, num3: 3, letter: 4, dash: 5, plus: 6 };

export function parseMarker(text: string): { style: MarkerStyle; marker: string; rest: string } | null {
  const m = markerPattern.exec(text);
  if (!m?.groups) return null;
  const rest = text.slice(m[0].length).trim();
  const g = m.groups;
  if (g.roman) return { style: 'roman', marker: g.roman, rest };
  if (g.num) {
    const depth = g.num.split('.').length;
    return { style: depth === 1 ? 'num1' : depth === 2 ? 'num2' : 'num3', marker: g.num, rest };
  }
  if (g.letter) return { style: 'letter', marker: g.letter, rest };
  return { style: g.dash === '+' ? 'plus' : 'dash', marker: g.dash ?? '-', rest };
}

export function buildOutline(blocks: readonly Block[]): OutlineNode {
  const root: OutlineNode = { style: 'root', marker: '', title: '', body: [], children: [], line: 0, id: '' };
  const stack: OutlineNode[] = [root];
  for (const block of blocks) {
    // The distribution list, the signature and the appendices close the body of the document.
    if (/^(?:Nơi nhận|TM\. (?:ỦY|UỶ) BAN|KT\. CHỦ TỊCH|PHỤ LỤC\b)/u.test(block.text)) break;
    const m = parseMarker(block.text);
    if (!m) {
      stack[stack.length - 1]!.body.push(block.text);
      continue;
    }
    // Pop to the nearest ancestor whose style ranks above this one; a style seen higher up closes its level.
    while (stack.length > 1) {
      const top = stack[stack.length - 1]!;
      if (top.style !== 'root' && styleRank[top.style] >= styleRank[m.style]) stack.pop();
      else break;
    }
    const parent = stack[stack.length - 1]!;
    const node: OutlineNode = { style: m.style, marker: m.marker, title: m.rest, body: [], children: [], line: block.line, id: '', parent };
    node.id = idOf(node, parent);
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function idOf(node: OutlineNode, parent: OutlineNode): string {
  let own: string;
  if (node.style === 'dash' || node.style === 'plus') own = String(parent.children.filter((c) => c.style === node.style).length + 1);
  else if (node.style === 'roman') own = node.marker.toLowerCase();
  else if (node.style === 'letter') own = node.marker === 'đ' ? 'dd' : node.marker;
  else if (node.style === 'num2' || node.style === 'num3') own = node.marker.split('.').pop() ?? node.marker;
  else own = node.marker;
  return parent.id ? `${parent.id}.${own}` : own;
}

/** Every node under `node`, depth first. */
export function* walk(node: OutlineNode): Generator<OutlineNode> {
  for (const c of node.children) {
    yield c;
    yield* walk(c);
  }
}

/** The full text of a node: title, body and every descendant, one line each (for quoting and search). */
export function fullText(node: OutlineNode): string {
  const lines = [node.title, ...node.body];
  for (const c of node.children) lines.push(`${c.style === 'dash' ? '- ' : c.style === 'plus' ? '+ ' : ''}${fullText(c)}`);
  return lines.filter(Boolean).join('\n');
}

/** The top-level section whose heading matches, e.g. /TỔ CHỨC THỰC HIỆN/. */
export function findSection(root: OutlineNode, heading: RegExp): OutlineNode | undefined {
  for (const n of walk(root)) if (heading.test(n.title.toUpperCase()) && n.title.length < 80) return n;
  return undefined;
}
