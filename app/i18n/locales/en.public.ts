// Public (delegate-facing) pages' messages. Same keys in zh and ja.
const pub = {
  placeholder: 'Public pages',
}

export default pub
