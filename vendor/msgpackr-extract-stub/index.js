// msgpackr (a dependency of bullmq) loads its optional native accelerator with `require('msgpackr-extract')`
// and uses pure JavaScript when that yields nothing; this stub yields nothing.
module.exports = null;
