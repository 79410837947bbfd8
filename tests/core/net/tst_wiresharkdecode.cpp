// The external check: a plaintext Baton session on loopback, captured with tshark, must be
// decoded by Wireshark's own T.125 dissector (TPKT -> X.224 -> MCS Send-Data) with the
// same direction, initiator, channel and userData as we sent. Someone else's parser
// agreeing with ours is the evidence that our framing is T.125.
#include "PlainLoopbackListener.h"
#include "core/net/HostHandshake.h"
#include "core/protocol/Framing.h"

#include <QNetworkDatagram>
#include <QPointer>
#include <QProcess>
#include <QScopeGuard>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

using namespace baton;
using net::Connection;

namespace {

// One MCS Send-Data PDU as either side sees it.
struct SendData {
    int domainPdu = 0; // 25 Send-Data Request, 26 Send-Data Indication
    int initiatorOnWire = 0;
    int channelId = 0;
    QByteArray userData;
    int tpktLength = 0;
    friend bool operator==(const SendData &, const SendData &) = default;
};

QDebug operator<<(QDebug debug, const SendData &pdu)
{
    return debug << "SendData(" << pdu.domainPdu << pdu.initiatorOnWire << pdu.channelId
                 << pdu.userData.size() << "bytes, tpkt" << pdu.tpktLength << ")";
}

// Our own reading of frames we sent, in the terms the dissector reports.
SendData fromOurFrame(const QByteArray &bytes)
{
    const auto frame = protocol::decodeFrame(protocol::ByteView(
        reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size())));
    if (!frame)
        qFatal("we sent a frame we cannot decode");
    SendData pdu;
    pdu.domainPdu = frame->header.kind == protocol::SendDataKind::Request ? 25 : 26;
    // PER encodes UserId (1001..65535) as its offset from 1001, and Wireshark's T.125
    // dissector displays that encoded offset (initiator 1004 shows as 3).
    pdu.initiatorOnWire = frame->header.initiator - protocol::kMinUserId;
    pdu.channelId = frame->header.channelId;
    pdu.userData = QByteArray(reinterpret_cast<const char *>(frame->payload.data()),
                              qsizetype(frame->payload.size()));
    pdu.tpktLength = int(bytes.size());
    return pdu;
}

QByteArray frameBytes(protocol::SendDataKind kind, uint16_t channel, const protocol::Pdu &pdu)
{
    const auto frame = protocol::PduEncoder::encodeFrame(kind, channel, pdu);
    if (!frame)
        qFatal("cannot encode a test PDU");
    return QByteArray(reinterpret_cast<const char *>(frame->data()), qsizetype(frame->size()));
}

} // namespace

class TestWiresharkDecode : public QObject {
    Q_OBJECT
private slots:
    void plaintextRefusesAnythingButLoopback()
    {
        PlainLoopbackListener listener;
        QString error;
        QVERIFY(!listener.start(QHostAddress::Any, &error));
        QVERIFY(!listener.start(QHostAddress(QStringLiteral("192.0.2.1")), &error));
        QVERIFY(error.contains(QLatin1String("loopback only")));
        QVERIFY(!listener.isListening());
        QVERIFY2(listener.start(QHostAddress::LocalHost, &error), qPrintable(error));
    }

    void t125DissectorDecodesOurSendData()
    {
        const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
        QVERIFY2(!tshark.isEmpty(), "tshark is not installed (tools/bootstrap installs it)");

        PlainLoopbackListener listener;
        QString error;
        QVERIFY2(listener.start(QHostAddress::LocalHost, &error), qPrintable(error));
        const quint16 port = listener.serverPort();

        // Datagrams to a UDP port of our own mark the capture: tshark prints a line per
        // packet (-P -l), so the first marker seen proves the capture is running, and the
        // last one — of a length no other marker has, because tshark's lines for the first
        // markers may still be on their way under load — that everything before it has
        // been captured.
        QUdpSocket marker;
        QVERIFY(marker.bind(QHostAddress::LocalHost, 0));
        QByteArray captureLines;
        QByteArray captureLog;
        QProcess capture;
        const auto sendMarker = [&](const QByteArray &payload) {
            marker.writeDatagram(payload, QHostAddress::LocalHost, marker.localPort());
            while (marker.hasPendingDatagrams())
                marker.receiveDatagram();
            captureLines += capture.readAllStandardOutput();
            captureLog += capture.readAllStandardError();
        };
        const QByteArray lastMarker = "the last marker";
        const QByteArray lastMarkerLine = "Len=" + QByteArray::number(lastMarker.size());

        QTemporaryDir dir;
        const QString pcap = dir.filePath(QStringLiteral("session.pcap"));
        capture.start(
            tshark,
            {QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-f"),
             QStringLiteral("tcp port %1 or udp port %2").arg(port).arg(marker.localPort()),
             QStringLiteral("-w"), pcap, QStringLiteral("-P"), QStringLiteral("-l")});
        QVERIFY2(capture.waitForStarted(), qPrintable(capture.errorString()));
        // SIGTERM, not QProcess's SIGKILL, so that tshark stops its dumpcap child too.
        const auto stopCapture = qScopeGuard([&capture] {
            if (capture.state() != QProcess::NotRunning) {
                capture.terminate();
                capture.waitForFinished(10000);
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT((sendMarker("mark"), captureLines.contains("UDP")) ||
                                     capture.state() == QProcess::NotRunning,
                                 20000);
        if (capture.state() == QProcess::NotRunning) {
            captureLog += capture.readAllStandardError();
            if (captureLog.contains("permission") || captureLog.contains("Operation not permitted"))
                QSKIP(qPrintable(QStringLiteral("tshark cannot capture on lo here: ") +
                                 QString::fromLocal8Bit(captureLog)));
            QFAIL(
                qPrintable(QStringLiteral("tshark failed: ") + QString::fromLocal8Bit(captureLog)));
        }

        // The session: Hello, Welcome, then traffic both ways on the broadcast and the
        // viewers' own channels, then a Goodbye. Every frame we send is recorded.
        QList<SendData> sent;
        QPointer<Connection> host;
        net::HandshakePolicy policy{"s1", "opensesame", "Capture host"};
        net::UserIdAllocator ids(protocol::kFirstViewerUserId);
        net::AttemptLimiter limiter;
        uint16_t viewerId = 0;
        connect(&listener, &PlainLoopbackListener::accepted, this, [&](Connection *connection) {
            host = connection;
            auto handshake = std::make_shared<net::HostHandshake>(policy, ids, limiter,
                                                                  connection->peerAddress());
            connect(connection, &Connection::pduReceived, this,
                    [&, connection, handshake](const protocol::Pdu &pdu) {
                        auto decision = handshake->onPdu(pdu);
                        if (auto *accept = std::get_if<net::HostHandshake::Accept>(&decision)) {
                            viewerId = accept->welcome.userId;
                            connection->setUserIds(protocol::kHostUserId, viewerId);
                            const QByteArray welcome =
                                frameBytes(protocol::SendDataKind::Indication, viewerId,
                                           {{protocol::kHostUserId, 0, protocol::StreamId::Medium},
                                            accept->welcome});
                            sent << fromOurFrame(welcome);
                            connection->sendFrame(welcome);
                        }
                    });
        });

        QSslSocket *socket = new QSslSocket;
        socket->connectToHost(QHostAddress::LocalHost, port);
        QTRY_COMPARE(socket->state(), QAbstractSocket::ConnectedState);
        QPointer<Connection> viewer = new Connection(socket, Connection::Side::Viewer);
        protocol::WelcomePdu welcome;
        bool welcomed = false;
        connect(viewer, &Connection::pduReceived, this, [&](const protocol::Pdu &pdu) {
            if (const auto *w = std::get_if<protocol::WelcomePdu>(&pdu.body)) {
                welcome = *w;
                welcomed = true;
            }
        });
        protocol::HelloPdu hello;
        hello.sessionId = "s1";
        hello.passcode = "opensesame";
        hello.displayName = "Captured viewer";
        const QByteArray helloFrame =
            frameBytes(protocol::SendDataKind::Request, protocol::kHostUserId,
                       {{protocol::kUnassignedUserId, 0, protocol::StreamId::Medium}, hello});
        sent << fromOurFrame(helloFrame);
        QVERIFY(viewer->sendFrame(helloFrame));
        QTRY_VERIFY(welcomed && host);
        QCOMPARE(welcome.userId, viewerId);
        viewer->setUserIds(welcome.userId, welcome.hostUserId);

        int arrivedAtViewer = 0, arrivedAtHost = 0;
        connect(viewer, &Connection::pduReceived, this, [&] { ++arrivedAtViewer; });
        connect(host, &Connection::pduReceived, this, [&] { ++arrivedAtHost; });
        for (int i = 0; i < 4; ++i) {
            protocol::WelcomePdu down = welcome;
            down.hostName = std::string(size_t(10 + 37 * i), char('a' + i)); // varied lengths
            const QByteArray toViewer =
                frameBytes(protocol::SendDataKind::Indication,
                           i % 2 ? welcome.userChannelId : welcome.broadcastChannelId,
                           {{protocol::kHostUserId, 0, protocol::StreamId::Low}, down});
            sent << fromOurFrame(toViewer);
            QVERIFY(host->sendFrame(toViewer));
            QTRY_COMPARE(arrivedAtViewer, i + 1);

            protocol::HelloPdu up;
            up.displayName = std::string(size_t(3 + 40 * i), char('A' + i));
            const QByteArray toHost =
                frameBytes(protocol::SendDataKind::Request, protocol::kHostUserId,
                           {{welcome.userId, 0, protocol::StreamId::High}, up});
            sent << fromOurFrame(toHost);
            QVERIFY(viewer->sendFrame(toHost));
            QTRY_COMPARE(arrivedAtHost, i + 1);
        }
        bool hostClosed = false;
        connect(host, &Connection::closed, this, [&] { hostClosed = true; });
        viewer->close(protocol::CloseReason::ViewerLeft);
        QTRY_VERIFY(hostClosed);

        QTRY_VERIFY_WITH_TIMEOUT((sendMarker(lastMarker), captureLines.contains(lastMarkerLine)),
                                 20000);
        capture.terminate();
        QVERIFY(capture.waitForFinished(20000));

        // Wireshark decodes the port as TPKT; from there COTP and the T.125 heuristic
        // take over by themselves.
        QProcess read;
        read.start(tshark, {QStringLiteral("-r"), pcap,
                            QStringLiteral("-d"), QStringLiteral("tcp.port==%1,tpkt").arg(port),
                            QStringLiteral("-Y"), QStringLiteral("t124.DomainMCSPDU"),
                            QStringLiteral("-T"), QStringLiteral("fields"),
                            QStringLiteral("-e"), QStringLiteral("t124.DomainMCSPDU"),
                            QStringLiteral("-e"), QStringLiteral("t124.initiator"),
                            QStringLiteral("-e"), QStringLiteral("t124.channelId"),
                            QStringLiteral("-e"), QStringLiteral("t124.userData"),
                            QStringLiteral("-e"), QStringLiteral("tpkt.length"),
                            QStringLiteral("-e"), QStringLiteral("t124.dataPriority"),
                            QStringLiteral("-E"), QStringLiteral("occurrence=a")});
        QVERIFY(read.waitForFinished(60000));
        QCOMPARE(read.exitCode(), 0);
        const QList<QByteArray> lines = read.readAllStandardOutput().split('\n');

        QList<SendData> decoded;
        for (const QByteArray &line : lines) {
            if (line.trimmed().isEmpty())
                continue;
            const QList<QByteArray> fields = line.split('\t');
            QCOMPARE(fields.size(), 6);
            // Several frames in one TCP segment come as comma-separated occurrences.
            const QList<QByteArray> kinds = fields[0].split(',');
            const QList<QByteArray> initiators = fields[1].split(',');
            const QList<QByteArray> channels = fields[2].split(',');
            const QList<QByteArray> data = fields[3].split(',');
            const QList<QByteArray> lengths = fields[4].split(',');
            const QList<QByteArray> priorities = fields[5].split(',');
            QCOMPARE(initiators.size(), kinds.size());
            QCOMPARE(channels.size(), kinds.size());
            QCOMPARE(data.size(), kinds.size());
            QCOMPARE(lengths.size(), kinds.size());
            for (int i = 0; i < kinds.size(); ++i) {
                QCOMPARE(priorities[i].toInt(), 1); // high, the 0x70 byte
                decoded << SendData{kinds[i].toInt(), initiators[i].toInt(), channels[i].toInt(),
                                    QByteArray::fromHex(data[i]), lengths[i].toInt()};
            }
        }
        // The Goodbye is the last frame the viewer sent; the rest we recorded ourselves.
        if (decoded.size() != sent.size() + 1) {
            QProcess summary; // what the capture holds, to see where decoding stopped
            summary.start(tshark,
                          {QStringLiteral("-r"), pcap, QStringLiteral("-d"),
                           QStringLiteral("tcp.port==%1,tpkt").arg(port)});
            summary.waitForFinished(60000);
            qWarning().noquote() << "capture log:" << captureLog
                                 << "\ncapture:" << summary.readAll()
                                 << read.readAllStandardError();
        }
        QCOMPARE(decoded.size(), sent.size() + 1);
        for (int i = 0; i < sent.size(); ++i)
            QCOMPARE(decoded[i], sent[i]);
        QCOMPARE(decoded.last().domainPdu, 25);
        QCOMPARE(decoded.last().initiatorOnWire, welcome.userId - protocol::kMinUserId);
        QCOMPARE(decoded.last().channelId, int(welcome.hostUserId));
        qInfo("Wireshark's T.125 dissector decoded %lld Send-Data PDUs exactly as sent",
              qlonglong(decoded.size()));
    }
};

QTEST_GUILESS_MAIN(TestWiresharkDecode)
#include "tst_wiresharkdecode.moc"
