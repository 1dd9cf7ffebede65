// The search index of this book, written by docgen; assets/search.js loads it on first use.
window.DOCGEN_SEARCH_INDEX = {"pages": [
["index.html", "Preface"],
["first.html", "1 First steps"],
["second.html", "2 Second chapter"]
], "sections": [
[0, "", "Fixture Book", "A preface with inline math a1∗b1, an escaped $5, and code with $x$."],
[0, "notation-symbols", "Notation & symbols", "z — logits emphasis, strong, a chapter link, outside A quote with & ampersands."],
[1, "", "First steps", "Intro paragraph with a soft break and a hard one here."],
[1, "a-section", "A section", ""],
[1, "a-subsection", "A subsection", "one two loose item paragraph"],
[1, "a-section-2", "A section", "Duplicate heading text gets its own id."],
[1, "equations", "Equations", "The logistic loss is and (1.1) is checked below. checked at 64 points over z ∈ [−6, 6], y ∈ {0, 1}"],
[2, "", "Second chapter", "Back to the first and the preface. The code that ran: Tests/Fixtures/books/basic/code/sample.swift, lines 5–8"]
]};
