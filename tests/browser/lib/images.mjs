// Real PNG files made in memory, for uploads from a page (pass the bytes to the page and
// build a Blob there) or from Node: the Node SDK tests' generator (standard library only).
export { encodePng, makePng } from '../../sdk/node/helpers.mjs';
