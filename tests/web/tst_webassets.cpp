// The web viewer as the host serves it (Baton::webassets, :/baton/web): the page's files
// are there, every module a served module imports is served too (a missing one fails only
// in the browser, after the page loaded), and the page keeps to the host's
// Content-Security-Policy (no inline script, style or event handler).
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

QStringList servedModules()
{
    QStringList modules;
    QDirIterator it(kRoot, {QStringLiteral("*.js"), QStringLiteral("*.mjs")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        modules << it.next();
    return modules;
}

} // namespace

class TestWebAssets : public QObject {
    Q_OBJECT
private slots:
    void thePageAndItsDependencyAreServed()
    {
        for (const char *path : {"src/index.html", "src/main.js", "src/viewer.css",
                                 "node_modules/fzstd/esm/index.mjs"})
            QVERIFY2(QFile::exists(kRoot + QLatin1Char('/') + QLatin1String(path)), path);
        // Only what the page needs: not the package's other builds, tests or docs.
        QVERIFY(!QFile::exists(kRoot + QStringLiteral("/node_modules/fzstd/lib/index.cjs")));
        QVERIFY(!QFile::exists(kRoot + QStringLiteral("/src/wire/README.md")));
        QVERIFY(!QFile::exists(kRoot + QStringLiteral("/test")));
    }

    void everyImportIsServed()
    {
        const QStringList modules = servedModules();
        QVERIFY(modules.size() > 10);
        // Static imports and re-exports (`from '…'`), bare imports and dynamic ones.
        static const QRegularExpression specifier(
            QStringLiteral("(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*)['\"]([^'\"]+)['\"]"));
        int imports = 0;
        for (const QString &module : modules) {
            const QString text = readResource(module);
            QVERIFY2(!text.isEmpty(), qPrintable(module));
            const QString folder = module.left(module.lastIndexOf(QLatin1Char('/')));
            for (auto match = specifier.globalMatch(text); match.hasNext();) {
                const QString imported = match.next().captured(1);
                // A module of the browser needs a relative path: there is no import map.
                QVERIFY2(imported.startsWith(QLatin1String("./")) ||
                             imported.startsWith(QLatin1String("../")),
                         qPrintable(module + QStringLiteral(" imports ") + imported));
                const QString target = QDir::cleanPath(folder + QLatin1Char('/') + imported);
                QVERIFY2(target.startsWith(kRoot + QLatin1Char('/')) && QFile::exists(target),
                         qPrintable(module + QStringLiteral(" imports ") + imported +
                                    QStringLiteral(", which is not served")));
                ++imports;
            }
        }
        QVERIFY(imports > 10);
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
        QCOMPARE(served, 2); // the style sheet and the main module
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
