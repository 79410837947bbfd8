#include "SettingsDialog.h"

#include "core/net/CertificateStore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

// The label a person reads for each value, and the value, in the order of the enums.
void addPolicies(QComboBox *box)
{
    box->addItem(SettingsDialog::tr("Ask me for every request"), int(FloorPolicy::Ask));
    box->addItem(SettingsDialog::tr("Grant when nobody has control"), int(FloorPolicy::Auto));
    box->addItem(SettingsDialog::tr("Collaborate: anyone may take control"),
                 int(FloorPolicy::Collaborate));
}

void addCodecs(QComboBox *box)
{
    box->addItem(SettingsDialog::tr("Automatic (lossless text, video for motion)"),
                 int(UpdateCodec::Auto));
    box->addItem(SettingsDialog::tr("Lossless tiles only"), int(UpdateCodec::Lossless));
    box->addItem(SettingsDialog::tr("Plain T.128 (older viewers)"), int(UpdateCodec::T128));
    box->addItem(SettingsDialog::tr("H.264 video"), int(UpdateCodec::H264));
    box->addItem(SettingsDialog::tr("AV1 video"), int(UpdateCodec::Av1));
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings &settings, const QString &certificateFingerprint,
                               QWidget *parent)
    : QDialog(parent),
      original_(settings),
      ownFingerprint_(certificateFingerprint),
      displayName_(new QLineEdit),
      port_(new QSpinBox),
      policy_(new QComboBox),
      codec_(new QComboBox),
      maxFps_(new QSpinBox),
      panicShortcut_(new QKeySequenceEdit),
      tlsCertificate_(new QLineEdit),
      tlsKey_(new QLineEdit),
      certificateStatus_(new QLabel),
      fingerprint_(new QLabel(certificateFingerprint)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("Baton Settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    // Empty means "the account's name", which the placeholder shows: the default reads
    // as a name already there, and typing over it is all it takes to change it.
    const QString accountName = AppSettings{}.effectiveDisplayName();
    displayName_->setObjectName(QStringLiteral("displayName"));
    displayName_->setAccessibleName(tr("Display name"));
    displayName_->setPlaceholderText(accountName);
    displayName_->setClearButtonEnabled(true);
    displayName_->setMaxLength(64);
    auto *displayNameHint =
        new QLabel(tr("The name the others see. Leave it empty to use your account's name, “%1”.")
                       .arg(accountName));
    displayNameHint->setObjectName(QStringLiteral("displayNameHint"));
    displayNameHint->setWordWrap(true);
    displayName_->setAccessibleDescription(displayNameHint->text());

    port_->setObjectName(QStringLiteral("defaultPort"));
    port_->setAccessibleName(tr("Default port"));
    port_->setRange(0, 65535);
    port_->setSpecialValueText(tr("Any free port"));

    policy_->setObjectName(QStringLiteral("policy"));
    policy_->setAccessibleName(tr("Control policy"));
    addPolicies(policy_);

    codec_->setObjectName(QStringLiteral("codec"));
    codec_->setAccessibleName(tr("Preferred codec"));
    addCodecs(codec_);

    maxFps_->setObjectName(QStringLiteral("maxFps"));
    maxFps_->setAccessibleName(tr("Maximum frames per second"));
    maxFps_->setRange(AppSettings::kMinFramesPerSecond, AppSettings::kMaxFramesPerSecond);
    maxFps_->setSuffix(tr(" fps"));

    panicShortcut_->setObjectName(QStringLiteral("panicShortcut"));
    panicShortcut_->setAccessibleName(tr("Panic shortcut"));
    panicShortcut_->setToolTip(tr("Takes control back from any viewer, wherever the focus is."));

    tlsCertificate_->setObjectName(QStringLiteral("tlsCertificate"));
    tlsCertificate_->setAccessibleName(tr("CA certificate file"));
    tlsCertificate_->setPlaceholderText(tr("None: this machine's own certificate"));
    tlsCertificate_->setClearButtonEnabled(true);
    tlsKey_->setObjectName(QStringLiteral("tlsKey"));
    tlsKey_->setAccessibleName(tr("CA certificate's key file"));
    tlsKey_->setClearButtonEnabled(true);
    certificateStatus_->setObjectName(QStringLiteral("certificateStatus"));
    certificateStatus_->setAccessibleName(tr("Certificate status"));
    certificateStatus_->setWordWrap(true);

    fingerprint_->setObjectName(QStringLiteral("fingerprint"));
    fingerprint_->setAccessibleName(tr("Certificate fingerprint"));
    fingerprint_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint_->setWordWrap(true);
    fingerprint_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    fingerprint_->setFocusPolicy(Qt::StrongFocus);
    fingerprint_->setToolTip(tr("Viewers' invite links pin this certificate. Compare it with "
                                "what a viewer sees before trusting the connection."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Display name:"), displayName_);
    form->addRow(QString(), displayNameHint);
    form->addRow(tr("Default &port:"), port_);
    form->addRow(tr("Control &requests:"), policy_);
    form->addRow(tr("Preferred &codec:"), codec_);
    form->addRow(tr("&Maximum frame rate:"), maxFps_);
    form->addRow(tr("Pa&nic shortcut:"), panicShortcut_);
    form->addRow(tr("C&A certificate:"),
                 fileField(tlsCertificate_, tr("Certificate (chain) from a CA, PEM")));
    form->addRow(tr("CA certificate's &key:"),
                 fileField(tlsKey_, tr("Private key of the certificate, PEM")));
    form->addRow(QString(), certificateStatus_);
    form->addRow(tr("Certificate &fingerprint:"), fingerprint_);
    // The form's labels have mnemonics: each one moves the focus to its field.
    for (int row = 0; row < form->rowCount(); ++row) {
        QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
        if (auto *label = item ? qobject_cast<QLabel *>(item->widget()) : nullptr)
            label->setBuddy(form->itemAt(row, QFormLayout::FieldRole)->widget());
        // The file rows' buddies are their line edits, not the rows around them.
        for (QLineEdit *edit : {tlsCertificate_, tlsKey_})
            if (auto *label = qobject_cast<QLabel *>(form->labelForField(edit->parentWidget())))
                label->setBuddy(edit);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(panicShortcut_, &QKeySequenceEdit::keySequenceChanged, this, &SettingsDialog::updateOk);
    connect(tlsCertificate_, &QLineEdit::textChanged, this, &SettingsDialog::checkCertificate);
    connect(tlsKey_, &QLineEdit::textChanged, this, &SettingsDialog::checkCertificate);

    load(original_);
    setMinimumWidth(480);
}

void SettingsDialog::load(const AppSettings &settings)
{
    displayName_->setText(settings.displayName);
    port_->setValue(settings.defaultPort);
    policy_->setCurrentIndex(policy_->findData(int(settings.policy)));
    codec_->setCurrentIndex(codec_->findData(int(settings.codec)));
    maxFps_->setValue(settings.maxFramesPerSecond);
    panicShortcut_->setKeySequence(settings.panicShortcut);
    tlsCertificate_->setText(settings.tlsCertificatePath);
    tlsKey_->setText(settings.tlsKeyPath);
    checkCertificate();
}

void SettingsDialog::updateOk()
{
    // Without a panic shortcut the host could lose the way back to its own window; with an
    // unusable certificate the next share would not start.
    buttons_->button(QDialogButtonBox::Ok)
        ->setEnabled(!panicShortcut_->keySequence().isEmpty() && certificateUsable_);
}

QWidget *SettingsDialog::fileField(QLineEdit *edit, const QString &pickerTitle)
{
    auto *row = new QWidget;
    auto *browse = new QPushButton(tr("Browse…"), row);
    browse->setObjectName(edit->objectName() + QStringLiteral("Browse"));
    browse->setAccessibleName(tr("Choose the file: %1").arg(edit->accessibleName()));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins({});
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, pickerTitle] {
        const QString path = QFileDialog::getOpenFileName(
            this, pickerTitle, edit->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!path.isEmpty())
            edit->setText(path);
    });
    return row;
}

void SettingsDialog::checkCertificate()
{
    const QString certificate = tlsCertificate_->text().trimmed();
    const QString key = tlsKey_->text().trimmed();
    QString problem;
    std::optional<net::CertificateStore::Identity> identity;
    if (certificate.isEmpty() != key.isEmpty())
        problem = tr("Choose both the certificate and its key, or neither.");
    else if (!certificate.isEmpty())
        identity = net::CertificateStore::loadFromFiles(certificate, key, &problem);
    certificateUsable_ = problem.isEmpty();
    if (!certificateUsable_)
        certificateStatus_->setText(problem);
    else if (identity)
        certificateStatus_->setText(
            tr("Shares use this certificate, valid until %1: browsers "
               "that trust its CA open the web link without a warning.")
                .arg(identity->certificate.expiryDate().toString(QStringLiteral("yyyy-MM-dd"))));
    else
        certificateStatus_->setText(tr("Shares use this machine's own certificate: browsers "
                                       "warn about it until the person accepts it."));
    fingerprint_->setText(identity ? fingerprintText(identity->fingerprint) : ownFingerprint_);
    updateOk();
}

AppSettings SettingsDialog::settings() const
{
    AppSettings edited = original_;
    edited.displayName = displayName_->text().trimmed();
    edited.defaultPort = quint16(port_->value());
    edited.policy = FloorPolicy(policy_->currentData().toInt());
    edited.codec = UpdateCodec(codec_->currentData().toInt());
    edited.maxFramesPerSecond = maxFps_->value();
    edited.panicShortcut = panicShortcut_->keySequence();
    edited.tlsCertificatePath = tlsCertificate_->text().trimmed();
    edited.tlsKeyPath = tlsKey_->text().trimmed();
    return edited;
}

QString SettingsDialog::fingerprintText(const QByteArray &sha256)
{
    const QString hex = QString::fromLatin1(sha256.toHex()).toUpper();
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups << hex.mid(i, 4);
    return groups.join(QLatin1Char(' '));
}

} // namespace baton::ui
