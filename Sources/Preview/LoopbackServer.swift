import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server for `docgen serve`: GET and HEAD on 127.0.0.1, one
/// request per connection. Written for this one job rather than taken from a
/// general server so that its limits are ours (FlyingFox parsed long request
/// lines in quadratic time, and two 1 MB URLs froze it):
/// - the request head (request line and headers) is at most 8 KiB: 414 or 431 past it;
/// - a client gets 5 s per read and 10 s in all to send its head, and as long to read the answer;
/// - at most 64 connections are served at once, each on its own thread; more get 503 at once;
/// - the Host header must name this server (`127.0.0.1:PORT` or `localhost:PORT`),
///   so a page from another site cannot reach it by DNS rebinding: 421 otherwise.
final class LoopbackServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        /// The path of the request target, percent-encoded as sent, without the query.
        var path: String
    }

    struct Response: Sendable {
        var status: Int
        var contentType: String
        var body: [UInt8]

        static func text(_ status: Int, _ text: String) -> Response {
            Response(status: status, contentType: "text/plain; charset=utf-8", body: Array((text + "\n").utf8))
        }
    }

    enum StartError: Error, CustomStringConvertible {
        case portInUse(UInt16)
        case socket(String)

        var description: String {
            switch self {
            case .portInUse(let port): "port \(port) is in use; try --port 0"
            case .socket(let what): "cannot listen on 127.0.0.1: \(what)"
            }
        }
    }

    static let maxHeadBytes = 8192
    static let maxConnections = 64

    let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (Request) -> Response
    private let lock = NSLock()
    private var active = 0
    private var stopped = false

    /// Binds and listens at once, so that a busy port is reported before any work.
    init(port: UInt16, handler: @escaping @Sendable (Request) -> Response) throws(StartError) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw .socket(String(cString: strerror(errno))) }
        // Not inherited by the docgen that `serve` execs after rebuilding itself.
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let code = errno
            close(fd)
            throw code == EADDRINUSE ? .portInUse(port) : .socket(String(cString: strerror(code)))
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        self.listener = fd
        self.handler = handler
    }

    /// Accepts connections on a thread of its own until `stop()`.
    func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "docgen serve: accept"
        thread.start()
    }

    /// Closes the listening socket; connections being served finish on their own.
    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            // (accept4 is not in Glibc's Swift module; `SelfRebuild.restart` marks every
            // descriptor close-on-exec anyway.)
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                lock.lock()
                let done = stopped
                lock.unlock()
                if done { return }
                usleep(10_000)  // EMFILE and the like: let connections finish
                continue
            }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            lock.lock()
            let admitted = active < Self.maxConnections
            if admitted { active += 1 }
            lock.unlock()
            guard admitted else {
                DispatchQueue.global().async { [self] in
                    setTimeouts(connection)
                    respond(.text(503, "busy"), head: false, on: connection)
                    close(connection)
                }
                continue
            }
            // A thread of its own, not a pooled one: a slow client blocked in recv
            // must not keep the pool's few threads from the next request.
            let worker = Thread { [self] in
                serve(connection)
                close(connection)
                lock.lock()
                active -= 1
                lock.unlock()
            }
            worker.stackSize = 512 * 1024
            worker.start()
        }
    }

    private func setTimeouts(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var yes: Int32 = 1
        #if canImport(Darwin)
        setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #else
        _ = yes
        #endif
    }

    private func serve(_ connection: Int32) {
        setTimeouts(connection)
        let (head, failure) = readHead(connection)
        guard let head else {
            if let failure { respond(failure, head: false, on: connection) }
            return
        }
        let (request, problem) = parse(head)
        if let problem {
            respond(problem, head: request?.method == "HEAD", on: connection)
        } else if let request {
            respond(handler(request), head: request.method == "HEAD", on: connection)
        }
    }

    /// Reads up to the blank line that ends the head, scanning only the bytes that
    /// arrived since the last read; nil with the response to send when it is too
    /// long, too slow, or the client went away (nil, nil).
    private func readHead(_ connection: Int32) -> ([UInt8]?, Response?) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1024)
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = DispatchTime.now().uptimeNanoseconds + 10_000_000_000
        var scanned = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return (nil, count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? .text(408, "request timeout") : nil) }
            buffer.append(contentsOf: chunk[0..<count])
            // The end of the head is "\r\n\r\n" (or "\n\n"); it may straddle two reads.
            var index = max(0, scanned - 3)
            while index < buffer.count {
                if buffer[index] == 0x0A {
                    if index >= 1, buffer[index - 1] == 0x0A { return (Array(buffer[..<index]), nil) }
                    if index >= 2, buffer[index - 1] == 0x0D, buffer[index - 2] == 0x0A { return (Array(buffer[..<index]), nil) }
                }
                index += 1
            }
            scanned = buffer.count
            if buffer.count > Self.maxHeadBytes {
                return buffer.contains(0x0A)
                    ? (nil, .text(431, "request header fields too large"))
                    : (nil, .text(414, "request line too long"))
            }
            if DispatchTime.now().uptimeNanoseconds > deadline { return (nil, .text(408, "request timeout")) }
        }
    }

    /// The request, or the response that refuses it.
    private func parse(_ head: [UInt8]) -> (Request?, Response?) {
        let lines = String(decoding: head, as: UTF8.self).split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let parts = (lines.first ?? "").split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), parts[1].hasPrefix("/") else {
            return (nil, .text(400, "bad request"))
        }
        let method = String(parts[0])
        let path = String(parts[1].prefix { $0 != "?" && $0 != "#" })
        let request = Request(method: method, path: path)
        var hosts: [Substring] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return (request, .text(400, "bad request")) }
            if line[..<colon].lowercased() == "host" {
                hosts.append(line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" })
            }
        }
        let allowed = ["127.0.0.1:\(port)", "localhost:\(port)"]
        guard hosts.count == 1, allowed.contains(hosts[0].lowercased().trimmingCharacters(in: .whitespaces)) else {
            return (request, .text(421, "this server answers only to 127.0.0.1:\(port) and localhost:\(port)"))
        }
        guard method == "GET" || method == "HEAD" else { return (request, .text(405, "only GET and HEAD")) }
        return (request, nil)
    }

    private static let reasons = [
        200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 408: "Request Timeout",
        414: "URI Too Long", 421: "Misdirected Request", 431: "Request Header Fields Too Large",
        500: "Internal Server Error", 503: "Service Unavailable",
    ]

    private func respond(_ response: Response, head: Bool, on connection: Int32) {
        var text = "HTTP/1.1 \(response.status) \(Self.reasons[response.status] ?? "Status")\r\n"
        text += "Content-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\n"
        text += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
        if response.status == 405 { text += "Allow: GET, HEAD\r\n" }
        text += "Connection: close\r\n\r\n"
        var bytes = Array(text.utf8)
        if !head { bytes += response.body }
        // 5 s per send, 10 s in all: a client that reads a byte now and then cannot hold a thread.
        let deadline = DispatchTime.now().uptimeNanoseconds + 10_000_000_000
        var offset = 0
        while offset < bytes.count, DispatchTime.now().uptimeNanoseconds < deadline {
            #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
            #else
            let flags: Int32 = 0
            #endif
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, flags) }
            if sent <= 0 {
                if sent < 0, errno == EINTR { continue }
                return
            }
            offset += sent
        }
    }
}
