// The version the page reports in its Hello ("Baton web 0.1.0 (Chrome 120)"); it is the
// project's version, which web/CMakeLists.txt checks it against at configure time.
export const kBatonVersion = '0.1.0';
