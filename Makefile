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

# Unit and fixture tests, then the real book built into a temp dir and its links checked.
test: deps test-deps
	$(SWIFT) build
	$(SWIFT) test
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(SWIFT) run docgen build --chapters chapters --output "$$tmp/site" && \
	  scripts/check-site "$$tmp/site"
