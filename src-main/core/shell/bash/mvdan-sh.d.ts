// Types for the parts of mvdan-sh (mvdan/sh's syntax package compiled to
// JavaScript) the shell uses. Nodes mirror the Go structs of
// https://pkg.go.dev/mvdan.cc/sh/v3/syntax; `syntax.NodeType` names them.
declare module 'mvdan-sh' {
  interface Pos {
    Line(): number;
    Col(): number;
    Offset(): number;
  }
  interface Node {
    Pos(): Pos;
    End(): Pos;
  }
  interface ParseError {
    Text: string;
    Pos: Pos;
    Incomplete: boolean;
    Error(): string;
  }
  interface Parser {
    Parse(src: string, name: string): Node;
  }
  const mvdan: {
    syntax: {
      NewParser(...options: unknown[]): Parser;
      Variant(lang: unknown): unknown;
      LangBash: unknown;
      /** A word with `{a,b}` and `{1..3}` split out as BraceExp parts. */
      SplitBraces(word: unknown): unknown;
    };
  };
  export default mvdan;
}
