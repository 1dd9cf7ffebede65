# A newcomer's two commands: `make site` and `make test`.
SWIFT ?= swift

.PHONY: site test deps test-deps

deps:
	scripts/install-deps

test-deps:
	scripts/install-deps --test

# Build the book into output/ (open output/index.html).
site: deps
	$(SWIFT) run docgen

# Unit and fixture tests; LossKit's tests again built for baseline x86-64; LossKit
# used from another package (by path and by version); a book made by `docgen init`
# built and tested in a package of its own (by path and by version); the figure gallery
# and the formulas page in Chromium; reproducibility; a 60 s fuzz smoke; the
# tests again under ThreadSanitizer and AddressSanitizer; then the real book
# built into a temp dir, its links checked, every page opened in Chromium and its
# search used there (a query typed, the right section first, Enter opens it);
# then a fixture with every callout kind, each screenshotted in light and dark.
test: deps test-deps
	$(SWIFT) build
	$(SWIFT) test
	scripts/check-portable-losskit
	scripts/check-losskit-consumer
	scripts/check-init
	scripts/check-svgplot-gallery
	scripts/check-texmath-page
	scripts/check-reproducible
	scripts/check-cache-truth
	scripts/fuzz-smoke
	scripts/sanitize
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(SWIFT) run docgen build --no-cache --strict --chapters chapters --output "$$tmp/site" && \
	  scripts/check-site "$$tmp/site" && \
	  scripts/check-pages "$$tmp/site" "$$tmp/screenshots" \
	    --search "gaussian noise" likelihood.html#gaussian-noise-gives-squared-error && \
	  $(SWIFT) run docgen build --strict --chapters Tests/Fixtures/books/callouts/chapters --output "$$tmp/callouts" && \
	  scripts/check-pages --all-callout-kinds "$$tmp/callouts" "$$tmp/callout-screenshots"
