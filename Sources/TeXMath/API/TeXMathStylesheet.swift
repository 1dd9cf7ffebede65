/// The CSS the generated MathML relies on; the page stylesheet should include it once.
public enum TeXMathStylesheet {
    /// Font stack (MATH.md), display blocks, alignment classes on `mtd`, equation numbers, derivation notes.
    public static let css = """
        math { font-family: "Latin Modern Math", "STIX Two Math", "DejaVu Math TeX Gyre", math; }
        math[display="block"] { display: block math; margin: 0.8em 0; overflow-x: auto; overflow-y: hidden; }
        mtd.texmath-left { text-align: left; }
        mtd.texmath-right { text-align: right; }
        mtable.texmath-aligned > mtr > mtd { padding: 0.25em 0; }
        mtable.texmath-aligned > mtr > mtd.texmath-left { padding-left: 0; }
        mtable.texmath-aligned > mtr > mtd.texmath-right { padding-right: 0; }
        mtable.texmath-cases > mtr > mtd { padding: 0.1em 1em 0.1em 0; }
        mtable.texmath-numbered { width: 100%; }
        mtable.texmath-numbered > mtr > mtd { padding: 0; }
        mtd.texmath-eqn-pad, mtd.texmath-eqn-num { width: 4em; }
        mtd.texmath-eqn-num { text-align: right; }
        .texmath-derivation-note { font-size: 0.85em; text-align: right; margin: -0.4em 0 0.8em; opacity: 0.75; }
        """
}
