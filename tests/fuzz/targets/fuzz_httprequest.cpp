// The host's door reads HTTP request heads from anyone who completes TLS: any bytes at
// all. What parses must satisfy the parser's own bounds, and the site must answer it.
#include "core/net/HttpRequest.h"
#include "core/net/WebSite.h"

#include <cstddef>
#include <cstdint>

using namespace baton::net;

namespace {

void check(bool condition)
{
    if (!condition)
        __builtin_trap();
}

bool isValidStatus(int status)
{
    return status == 400 || status == 414 || status == 431 || status == 505;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // The door parses only up to the first blank line; the parser must cope with anything.
    for (const QByteArrayView head :
         {bytes, bytes.first(HttpRequest::headLength(bytes).value_or(qsizetype(size)))}) {
        auto parsed = HttpRequest::parse(head);
        if (const auto *error = std::get_if<HttpRequest::Error>(&parsed)) {
            check(isValidStatus(error->status) && !error->detail.isEmpty());
            continue;
        }
        const auto &request = std::get<HttpRequest>(parsed);
        check(head.size() <= HttpRequest::kMaxHeadBytes);
        check(!request.method.isEmpty() && request.method.size() <= HttpRequest::kMaxMethodBytes);
        check(request.target.startsWith('/') &&
              request.target.size() <= HttpRequest::kMaxTargetBytes);
        check(int(request.headers.size()) <= HttpRequest::kMaxHeaders);
        check(request.minorVersion >= 0 && request.minorVersion <= 9);
        for (const auto &[name, value] : request.headers)
            check(!name.isEmpty() && !name.contains(':') && !value.contains('\n'));
        // Nothing in the resources of a fuzz target: every route ends in an error page or
        // 503, but the routing itself runs on what the parser let through.
        const auto response = WebSite().answer(request);
        check(response.bytes.startsWith("HTTP/1.1 "));
        check(response.status == 200 || response.status == 404 || response.status == 405 ||
              response.status == 503);
    }
    return 0;
}
