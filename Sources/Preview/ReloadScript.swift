/// The only script docgen ever writes, and only into responses of `docgen serve`
/// (never into files): it polls the build status, reloads the page after a
/// rebuild, and shows build errors in a banner.
enum ReloadScript {
    static func tag(version: Int) -> String {
        """
        <script>
        (() => {
          let seen = \(version);
          const banner = document.createElement("pre");
          banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;max-height:40vh;overflow:auto;" +
            "padding:0.75rem 1rem;background:#7f1d1d;color:#fff;font:13px/1.4 monospace;z-index:99;display:none";
          document.addEventListener("DOMContentLoaded", () => document.body.appendChild(banner));
          async function poll() {
            try {
              const status = await (await fetch("/__docgen/status", { cache: "no-store" })).json();
              if (status.version !== seen) { location.reload(); return; }
              banner.textContent = status.errors.join("\\n");
              banner.style.display = status.errors.length ? "block" : "none";
            } catch (e) { /* the server is restarting */ }
            setTimeout(poll, 500);
          }
          setTimeout(poll, 500);
        })();
        </script>
        """
    }
}
