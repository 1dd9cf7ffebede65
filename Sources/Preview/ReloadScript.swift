import Notebook

/// The only script docgen ever writes, and only into responses of `docgen serve`
/// (never into files): it polls the build status, reloads the page after a
/// rebuild or a restart of the server, and shows build errors (red) or what the
/// server is doing (blue, e.g. "rebuilding docgen…") in a banner.
enum ReloadScript {
    static func tag(version: String) -> String {
        """
        <script>
        (() => {
          let seen = \(jsonStringLiteral(version));
          const banner = document.createElement("pre");
          banner.setAttribute("role", "status");
          banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;max-height:40vh;overflow:auto;" +
            "padding:0.75rem 1rem;color:#fff;font:13px/1.4 monospace;z-index:99;white-space:pre-wrap;overflow-wrap:anywhere;display:none";
          document.addEventListener("DOMContentLoaded", () => document.body.appendChild(banner));
          async function poll() {
            try {
              const status = await (await fetch("/__docgen/status", { cache: "no-store" })).json();
              if (status.version !== seen) { location.reload(); return; }
              const lines = status.notice ? [status.notice].concat(status.errors) : status.errors;
              banner.textContent = lines.join("\\n");
              banner.style.background = status.errors.length ? "#7f1d1d" : "#1e3a8a";
              banner.style.display = lines.length ? "block" : "none";
            } catch (e) { /* the server is restarting */ }
            setTimeout(poll, 500);
          }
          setTimeout(poll, 500);
        })();
        </script>
        """
    }
}
