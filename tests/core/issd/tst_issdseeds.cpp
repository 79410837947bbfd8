// Writes and checks the seed corpus of fuzz_issdagent (tests/fuzz/corpus/issdagent):
// every seed must be valid input for the parser its first byte selects. Run with
// BATON_WRITE_SEEDS=1 to regenerate the files after a format change.

#include "core/display/DisplayTypes.h"
#include "core/display/Edid.h"
#include "core/display/ddc/DdcutilControl.h"
#include "core/issd/IssdSecretStore.h"
#include "core/issd/IssdSubscriptions.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace baton;

namespace {

QByteArray sampleEdid()
{
    QByteArray edid(128, '\0');
    const char header[] = {0, char(0xFF), char(0xFF), char(0xFF), char(0xFF), char(0xFF), char(0xFF), 0};
    std::copy(std::begin(header), std::end(header), edid.begin());
    edid[8] = char(0x10); // "DEL"
    edid[9] = char(0xAC);
    edid[10] = char(0xB1);
    edid[11] = char(0xA0);
    for (int i = 0; i < 4; ++i)
        edid[12 + i] = char(i + 1);
    edid[21] = 53;
    edid[22] = 30;
    int offset = 54;
    for (const auto &[kind, text] : {std::pair{0xFC, QByteArray("DELL U2415")}, std::pair{0xFF, QByteArray("7MT0186I2YXL")}}) {
        edid[offset + 3] = char(kind);
        const QByteArray padded = (text + '\n').leftJustified(13, ' ');
        std::copy(padded.begin(), padded.end(), edid.begin() + offset + 5);
        offset += 18;
    }
    quint8 sum = 0;
    for (int i = 0; i < 127; ++i)
        sum = quint8(sum + quint8(edid[i]));
    edid[127] = char(quint8(256 - sum));
    return edid;
}

QList<std::pair<QString, QByteArray>> seeds()
{
    return {
        {QStringLiteral("edid"), '\x00' + sampleEdid()},
        {QStringLiteral("mode"), "\x01" "1920x1080@59.94"},
        {QStringLiteral("mode-plain"), "\x01" "800x600"},
        {QStringLiteral("ddc-continuous"), "\x02" "VCP 10 C 50 100"},
        {QStringLiteral("ddc-noncontinuous"), "\x02" "VCP 60 SNC x0f"},
        {QStringLiteral("secrets"), "\x03" "HMAC-SHA256 key=default s=AAECAwQFBgcICQoLDA0ODw i=200000 "
                                    "k=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n"},
        {QStringLiteral("subscribe"), "\x04" "prop,op display=id:DEL.A0B1.7F3C2A91 udp=51600 lease=600"},
    };
}

} // namespace

class TestIssdSeeds : public QObject {
    Q_OBJECT

private slots:
    void seedsAreValid()
    {
        const QDir corpus(QStringLiteral(BATON_SOURCE_DIR "/tests/fuzz/corpus/issdagent"));
        const bool write = qEnvironmentVariableIsSet("BATON_WRITE_SEEDS");
        for (const auto &[name, bytes] : seeds()) {
            QFile file(corpus.filePath(name));
            if (write) {
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write(bytes);
                file.close();
            }
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            QCOMPARE(file.readAll(), bytes);
            const QByteArray input = bytes.mid(1);
            switch (bytes[0]) {
            case 0: {
                const auto edid = display::Edid::parse(std::span(reinterpret_cast<const quint8 *>(input.constData()),
                                                                 std::size_t(input.size())));
                QVERIFY(edid);
                QCOMPARE(edid->manufacturer, QStringLiteral("DEL"));
                QCOMPARE(edid->modelName, QStringLiteral("DELL U2415"));
                QCOMPARE(edid->serialText, QStringLiteral("7MT0186I2YXL"));
                QVERIFY(edid->stableId().startsWith(QLatin1String("DEL.A0B1.")));
                break;
            }
            case 1:
                QVERIFY(display::DisplayMode::parse(QString::fromLatin1(input)));
                break;
            case 2:
                QVERIFY(display::DdcutilControl::parseTerseValue(QString::fromLatin1(input)));
                break;
            case 3: {
                QString error;
                QVERIFY2(issd::IssdSecretStore::parse(input, &error), qPrintable(error));
                break;
            }
            default: {
                issd::ParseError error;
                const auto args = issd::Arguments::parse(QString::fromLatin1(input), &error);
                QVERIFY(args);
                QVERIFY(std::holds_alternative<issd::IssdSubscriptions::Request>(issd::IssdSubscriptions::parse(*args)));
            }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestIssdSeeds)
#include "tst_issdseeds.moc"
