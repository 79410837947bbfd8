#include "LinkStage.h"

namespace baton::cli {

bool LinkStage::start(const std::vector<LinkProfile> &profiles, int linkCount, QString *error)
{
    if (profiles.empty())
        return true;
    if (!LinkShaper::enterPrivateNetwork(error) || !shaper_.start(error))
        return false;
    profiles_ = profiles;
    linkCount_ = linkCount;
    for (int link = 1; link <= linkCount; ++link) {
        if (!shaper_.addLink(link, profileOf(link), error))
            return false;
    }
    return true;
}

std::vector<std::unique_ptr<LinkRelay>> LinkStage::relaysFor(quint16 targetPort, int viewers,
                                                             QString *error) const
{
    std::vector<std::unique_ptr<LinkRelay>> relays;
    if (!emulated())
        relays.push_back(
            std::make_unique<LinkRelay>(LinkProfile{QStringLiteral("lan")}, targetPort));
    for (int link = 1; emulated() && link <= std::min(viewers, linkCount_); ++link)
        relays.push_back(std::make_unique<LinkRelay>(profileOf(link), targetPort,
                                                     LinkShaper::viewerSide(link),
                                                     LinkShaper::serverSide(link)));
    for (const auto &relay : relays) {
        if (!relay->listen(error))
            return {};
    }
    return relays;
}

bool LinkStage::setRate(int rateKbit, QString *error)
{
    for (int link = 1; link <= linkCount_; ++link) {
        const LinkProfile &profile = profileOf(link);
        if (profile.shaped() &&
            !shaper_.changeRate(link, rateKbit > 0 ? rateKbit : profile.rateKbit, profile.bufferMs,
                                error))
            return false;
    }
    return true;
}

const LinkProfile &LinkStage::profileOf(int link) const
{
    return profiles_[std::size_t(link - 1) % profiles_.size()];
}

} // namespace baton::cli
