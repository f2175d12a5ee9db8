/**
 * KPI formulas: arithmetic over measure names, parsed by hand (no eval). Grammar:
 *   expr   := term (('+' | '-') term)*
 *   term   := factor (('*' | '/') factor)*
 *   factor := number | name | '(' expr ')' | '-' factor
 * Numbers are decimal ('12', '0.5'); names are the measure keys ([a-z_][a-z0-9_]*). Evaluation gives null when
 * a measure is null or a divisor is zero, and never a non-finite number.
 */

export type Node =
  | { kind: 'num'; value: number }
  | { kind: 'name'; name: string }
  | { kind: 'neg'; arg: Node }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Node; right: Node };

export class FormulaError extends Error {
  constructor(
    readonly code: 'kpi.formula_syntax' | 'kpi.formula_unknown_measure' | 'kpi.formula_too_long',
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const MAX_LENGTH = 500;
const MAX_DEPTH = 50;

interface Token {
  type: 'num' | 'name' | 'op' | '(' | ')' | 'end';
  text: string;
  pos: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    const name = /^[a-z_][a-z0-9_]*/i.exec(src.slice(i));
    if (num) out.push({ type: 'num', text: num[0], pos: i });
    else if (name) out.push({ type: 'name', text: name[0], pos: i });
    else if ('+-*/'.includes(ch)) out.push({ type: 'op', text: ch, pos: i });
    else if (ch === '(' || ch === ')') out.push({ type: ch, text: ch, pos: i });
    else throw new FormulaError('kpi.formula_syntax', `unexpected '${ch}' at ${i + 1}`, i);
    i += out.at(-1)!.text.length;
  }
  out.push({ type: 'end', text: '', pos: src.length });
  return out;
}

/** Parses a formula; names must be among `names`. Throws FormulaError with the position. */
export function parseFormula(src: string, names: ReadonlySet<string>): Node {
  if (src.length > MAX_LENGTH) throw new FormulaError('kpi.formula_too_long', `at most ${MAX_LENGTH} characters`, MAX_LENGTH);
  const tokens = tokenize(src);
  let at = 0;
  const peek = () => tokens[at]!;
  const fail = (t: Token): never => {
    throw new FormulaError('kpi.formula_syntax', t.type === 'end' ? 'the formula ends too early' : `unexpected '${t.text}' at ${t.pos + 1}`, t.pos);
  };
  const expr = (depth: number): Node => {
    let left = term(depth);
    while (peek().type === 'op' && (peek().text === '+' || peek().text === '-')) {
      const op = tokens[at++]!.text as '+' | '-';
      left = { kind: 'bin', op, left, right: term(depth) };
    }
    return left;
  };
  const term = (depth: number): Node => {
    let left = factor(depth);
    while (peek().type === 'op' && (peek().text === '*' || peek().text === '/')) {
      const op = tokens[at++]!.text as '*' | '/';
      left = { kind: 'bin', op, left, right: factor(depth) };
    }
    return left;
  };
  const factor = (depth: number): Node => {
    const t = peek();
    if (depth > MAX_DEPTH) throw new FormulaError('kpi.formula_syntax', 'nested too deeply', t.pos);
    at++;
    if (t.type === 'num') return { kind: 'num', value: Number(t.text) };
    if (t.type === 'name') {
      if (!names.has(t.text)) throw new FormulaError('kpi.formula_unknown_measure', `unknown measure '${t.text}' at ${t.pos + 1}`, t.pos);
      return { kind: 'name', name: t.text };
    }
    if (t.type === 'op' && t.text === '-') return { kind: 'neg', arg: factor(depth + 1) };
    if (t.type === '(') {
      const inner = expr(depth + 1);
      if (peek().type !== ')') fail(peek());
      at++;
      return inner;
    }
    return fail(t);
  };
  const tree = expr(0);
  if (peek().type !== 'end') fail(peek());
  return tree;
}

/** The measure names a formula uses. */
export function namesOf(node: Node): string[] {
  if (node.kind === 'name') return [node.name];
  if (node.kind === 'neg') return namesOf(node.arg);
  if (node.kind === 'bin') return [...new Set([...namesOf(node.left), ...namesOf(node.right)])];
  return [];
}

export function evaluate(node: Node, values: Readonly<Record<string, number | null>>): number | null {
  switch (node.kind) {
    case 'num':
      return node.value;
    case 'name':
      return values[node.name] ?? null;
    case 'neg': {
      const v = evaluate(node.arg, values);
      return v === null ? null : -v;
    }
    case 'bin': {
      const a = evaluate(node.left, values);
      const b = evaluate(node.right, values);
      if (a === null || b === null) return null;
      if (node.op === '/' && b === 0) return null;
      const r = node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
      return Number.isFinite(r) ? r : null;
    }
  }
}
