// The web viewer as the host serves it (Baton::webassets, :/baton/web): the page, its style
// sheet and the one bundle of its modules, and nothing else; the bundle imports nothing (a
// module left to load would cost the browser one more connection, or fail only there, after
// the page loaded); and the page keeps to the host's Content-Security-Policy (no inline
// script, style or event handler).
#include <QDirIterator>
#include <QFile>
#include <QObject>
#include <QRegularExpression>
#include <QTest>

namespace {

const QString kRoot = QStringLiteral(":/baton/web");

QString readResource(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QStringList servedFiles()
{
    QStringList files;
    QDirIterator it(kRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next().mid(kRoot.size() + 1);
    files.sort();
    return files;
}

} // namespace

class TestWebAssets : public QObject {
    Q_OBJECT
private slots:
    void onlyThePageAndItsTwoFilesAreServed()
    {
        // Not the modules the bundle was made of, nor fzstd's, tests or docs.
        QCOMPARE(servedFiles(),
                 QStringList({QStringLiteral("src/index.html"), QStringLiteral("viewer.css"),
                              QStringLiteral("viewer.js")}));
    }

    void theBundleImportsNothing()
    {
        const QString bundle = readResource(kRoot + QStringLiteral("/viewer.js"));
        // The page's code is in it (what main.js shows the tests), and fzstd's, with the
        // notice its licence asks to go along.
        QVERIFY(bundle.contains(QLatin1String("batonViewer")));
        QVERIFY(bundle.contains(QLatin1String("Copyright (c) 2020 Arjun Barrett")));
        // No static import or re-export (`from'…'`, `import'…'`, spaces or not) and no
        // dynamic import().
        static const QRegularExpression import(
            QStringLiteral("(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*)['\"`]"));
        const QRegularExpressionMatch found = import.match(bundle);
        QVERIFY2(!found.hasMatch(),
                 qPrintable(bundle.mid(qMax(0, int(found.capturedStart()) - 40), 100)));
        QVERIFY(!bundle.contains(QLatin1String("import(")));
        QVERIFY(!bundle.contains(QLatin1String("import.meta")));
    }

    void thePageLoadsOnlyServedFilesAndNothingInline()
    {
        const QString html = readResource(kRoot + QStringLiteral("/src/index.html"));
        QVERIFY(!html.isEmpty());
        static const QRegularExpression reference(
            QStringLiteral("\\b(?:src|href)\\s*=\\s*\"([^\"]*)\""));
        int served = 0;
        for (auto match = reference.globalMatch(html); match.hasNext();) {
            const QString url = match.next().captured(1);
            if (url.startsWith(QLatin1String("data:")))
                continue; // img-src allows data: (the empty icon that spares a request)
            QVERIFY2(url.startsWith(QLatin1String("/assets/")), qPrintable(url));
            QVERIFY2(QFile::exists(kRoot + url.mid(int(qstrlen("/assets")))), qPrintable(url));
            ++served;
        }
        QCOMPARE(served, 2); // the style sheet and the bundle
        // script-src 'self' and style-src 'self': an inline script, style or handler would
        // be refused by the browser.
        static const QRegularExpression inlineScript(
            QStringLiteral("<script(?![^>]*\\bsrc=)[^>]*>"));
        static const QRegularExpression styleAttribute(QStringLiteral("\\sstyle\\s*="));
        static const QRegularExpression handler(QStringLiteral("\\son[a-z]+\\s*="));
        QVERIFY(!inlineScript.match(html).hasMatch());
        QVERIFY(!html.contains(QLatin1String("<style")));
        QVERIFY(!styleAttribute.match(html).hasMatch());
        QVERIFY(!handler.match(html).hasMatch());
    }
};

QTEST_APPLESS_MAIN(TestWebAssets)
#include "tst_webassets.moc"
