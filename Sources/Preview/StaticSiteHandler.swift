import FlyingFox
import Foundation

/// Serves the files of the output directory; HTML gets the reload script.
struct StaticSiteHandler: HTTPHandler {
    let root: String
    let status: BuildStatus

    static let types = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "svg": "image/svg+xml",
        "csv": "text/csv; charset=utf-8", "js": "text/javascript; charset=utf-8", "json": "application/json",
        "png": "image/png",
    ]

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        if request.path == "/__docgen/status" {
            return response(.ok, type: "application/json", Data(await status.json().utf8))
        }
        var relative = request.path.removingPercentEncoding ?? request.path
        if relative.hasSuffix("/") { relative += "index.html" }
        let parts = relative.split(separator: "/")
        // Only plain names inside the output: no "..", no hidden files.
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else {
            return response(.notFound, type: "text/plain", Data("not found\n".utf8))
        }
        let path = root + "/" + parts.joined(separator: "/")
        guard let data = FileManager.default.contents(atPath: path) else {
            return response(.notFound, type: "text/plain", Data("not found\n".utf8))
        }
        let ext = String(parts.last!.split(separator: ".").last ?? "")
        if ext == "html", var html = String(data: data, encoding: .utf8) {
            let script = ReloadScript.tag(version: await status.version)
            if let end = html.range(of: "</body>", options: .backwards) {
                html.replaceSubrange(end, with: script + "\n</body>")
            } else {
                html += script
            }
            return response(.ok, type: Self.types["html"]!, Data(html.utf8))
        }
        return response(.ok, type: Self.types[ext] ?? "application/octet-stream", data)
    }

    private func response(_ code: HTTPStatusCode, type: String, _ body: Data) -> HTTPResponse {
        HTTPResponse(statusCode: code, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }
}
