// Generates the seed corpus of the `pdu` fuzz target (tests/fuzz/corpus/pdu/) and checks
// that the committed corpus is exactly what the current encoder produces, so the seeds
// never drift into inputs the decoder refuses at its first byte.
//
// Regenerate after changing a PDU:
//   BATON_WRITE_PDU_CORPUS=tests/fuzz/corpus/pdu build/<dir>/tests/core/protocol/tst_pducorpus
#include "SamplePdus.h"
#include "core/protocol/PduDecoder.h"
#include "core/protocol/PduEncoder.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <map>

using namespace baton::protocol;

namespace {

std::map<QString, Bytes> generateSeeds()
{
    std::map<QString, Bytes> seeds;
    for (const auto &sample : testing::samplePdus()) {
        const auto aspdu = PduEncoder::encode(sample.pdu);
        const auto frame =
            PduEncoder::encodeFrame(SendDataKind::Indication, kBroadcastChannelId, sample.pdu);
        if (!aspdu || !frame)
            qFatal("sample %s does not encode", sample.name.c_str());
        seeds[QString::fromStdString(sample.name) + QStringLiteral(".aspdu")] = *aspdu;
        seeds[QString::fromStdString(sample.name) + QStringLiteral(".frame")] = *frame;
    }
    // A payload split into three fragments, with a pointer PDU between two of them.
    VideoRegionUpdatePdu video;
    video.frameId = 9;
    video.width = 64;
    video.height = 64;
    video.codecId = uint8_t(CodecId::H264Avc420);
    video.data.assign(2 * FragmentPdu::kMaxChunkBytes + 100, 0x5A);
    PduEncoder encoder;
    const auto frames = encoder.encodeFrames(SendDataKind::Indication, kBroadcastChannelId,
                                             {{kHostUserId, 0, StreamId::Low}, video});
    const auto pointer =
        PduEncoder::encodeFrame(SendDataKind::Indication, kBroadcastChannelId,
                                {{kHostUserId, 0, StreamId::Medium}, PointerPositionPdu{3, 4}});
    if (!frames || frames->size() != 3 || !pointer)
        qFatal("fragmented sample does not encode");
    Bytes stream;
    for (size_t i = 0; i < frames->size(); ++i) {
        stream.insert(stream.end(), (*frames)[i].begin(), (*frames)[i].end());
        if (i == 0)
            stream.insert(stream.end(), pointer->begin(), pointer->end());
    }
    seeds[QStringLiteral("fragmented-video.stream")] = stream;

    // Fast-path frames as a host sends them (the fuzz target also reads every seed as a
    // viewer would): every update sample, then the fragmented picture.
    Bytes fastPath;
    for (const auto &sample : testing::samplePdus()) {
        const bool update = std::visit(
            [](const auto &body) {
                using T = std::decay_t<decltype(body)>;
                if constexpr (requires { T::kType2; })
                    return isFastPathType(uint8_t(T::kType2));
                else
                    return false;
            },
            sample.pdu.body);
        if (!update)
            continue;
        const auto frames1 = encoder.encodeFastPathFrames(sample.pdu.body);
        if (!frames1)
            qFatal("sample %s does not encode on the fast path", sample.name.c_str());
        for (const Bytes &frame : *frames1)
            fastPath.insert(fastPath.end(), frame.begin(), frame.end());
    }
    seeds[QStringLiteral("fast-path-updates.stream")] = fastPath;
    const auto fastVideo = encoder.encodeFastPathFrames(video);
    if (!fastVideo || fastVideo->size() != 3)
        qFatal("fragmented fast-path sample does not encode");
    Bytes fastStream;
    for (const Bytes &frame : *fastVideo)
        fastStream.insert(fastStream.end(), frame.begin(), frame.end());
    seeds[QStringLiteral("fast-path-fragmented-video.stream")] = fastStream;
    return seeds;
}

QString corpusDir()
{
    return QStringLiteral(BATON_SOURCE_DIR "/tests/fuzz/corpus/pdu");
}

} // namespace

class TestPduCorpus : public QObject {
    Q_OBJECT
private slots:
    void writeWhenAsked()
    {
        const QString out = qEnvironmentVariable("BATON_WRITE_PDU_CORPUS");
        if (out.isEmpty())
            QSKIP("set BATON_WRITE_PDU_CORPUS=DIR to regenerate the corpus");
        QDir().mkpath(out);
        for (const auto &[name, bytes] : generateSeeds()) {
            QFile file(QDir(out).filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size()));
        }
    }

    void committedCorpusIsCurrent()
    {
        // Every generated seed is committed as generated. The corpus also holds what fuzzing
        // campaigns (tools/dev fuzz) found, named by their hashes; those are not checked here.
        const auto seeds = generateSeeds();
        for (const auto &[name, bytes] : seeds) {
            QFile file(QDir(corpusDir()).filePath(name));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
            const QByteArray committed = file.readAll();
            QVERIFY2(committed ==
                         QByteArray(reinterpret_cast<const char *>(bytes.data()),
                                    qsizetype(bytes.size())),
                     qPrintable(name));
        }
    }

    void seedsDecode()
    {
        for (const auto &[name, bytes] : generateSeeds()) {
            if (name.endsWith(QLatin1String(".aspdu")))
                QVERIFY2(PduDecoder::decode(bytes), qPrintable(name));
        }
    }
};

QTEST_GUILESS_MAIN(TestPduCorpus)
#include "tst_pducorpus.moc"
