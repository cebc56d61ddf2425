// @theia/cli depends on puppeteer, whose postinstall would download Chrome (unreachable): skip it.
module.exports = { skipDownload: true };
