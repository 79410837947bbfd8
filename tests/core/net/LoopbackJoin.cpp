#include "LoopbackJoin.h"

namespace baton::test {

const net::CertificateStore::Identity &hostIdentity()
{
    static const auto identity = net::CertificateStore::generate(QStringLiteral("test host"));
    return *identity;
}

std::unique_ptr<Join> startJoin(const InviteLink &link, const std::string &name)
{
    auto attempt = std::make_unique<Join>();
    net::ViewerOptions options;
    options.displayName = name;
    attempt->connector = std::make_unique<net::ViewerConnector>(link, options);
    Join *raw = attempt.get();
    // The connector is the context: it goes with the attempt.
    QObject::connect(raw->connector.get(), &net::ViewerConnector::joined, raw->connector.get(),
                     [raw](net::Connection *connection, const protocol::WelcomePdu &welcome) {
                         raw->connection = connection;
                         raw->welcome = welcome;
                     });
    QObject::connect(raw->connector.get(), &net::ViewerConnector::failed, raw->connector.get(),
                     [raw](const net::CloseInfo &info) { raw->failure = info; });
    raw->connector->start();
    return attempt;
}

} // namespace baton::test
