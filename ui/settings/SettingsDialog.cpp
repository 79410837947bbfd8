#include "SettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
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
      displayName_(new QLineEdit),
      port_(new QSpinBox),
      policy_(new QComboBox),
      codec_(new QComboBox),
      maxFps_(new QSpinBox),
      panicShortcut_(new QKeySequenceEdit),
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

    auto *fingerprint = new QLabel(certificateFingerprint);
    fingerprint->setObjectName(QStringLiteral("fingerprint"));
    fingerprint->setAccessibleName(tr("Certificate fingerprint"));
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setWordWrap(true);
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    fingerprint->setFocusPolicy(Qt::StrongFocus);
    fingerprint->setToolTip(tr("Viewers' invite links pin this certificate. Compare it with "
                               "what a viewer sees before trusting the connection."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Display name:"), displayName_);
    form->addRow(QString(), displayNameHint);
    form->addRow(tr("Default &port:"), port_);
    form->addRow(tr("Control &requests:"), policy_);
    form->addRow(tr("Preferred &codec:"), codec_);
    form->addRow(tr("&Maximum frame rate:"), maxFps_);
    form->addRow(tr("Pa&nic shortcut:"), panicShortcut_);
    form->addRow(tr("Certificate &fingerprint:"), fingerprint);
    // The form's labels have mnemonics: each one moves the focus to its field.
    for (int row = 0; row < form->rowCount(); ++row) {
        QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
        if (auto *label = item ? qobject_cast<QLabel *>(item->widget()) : nullptr)
            label->setBuddy(form->itemAt(row, QFormLayout::FieldRole)->widget());
    }

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(panicShortcut_, &QKeySequenceEdit::keySequenceChanged, this, &SettingsDialog::updateOk);

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
    updateOk();
}

void SettingsDialog::updateOk()
{
    // Without a panic shortcut the host could lose the way back to its own window.
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!panicShortcut_->keySequence().isEmpty());
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
