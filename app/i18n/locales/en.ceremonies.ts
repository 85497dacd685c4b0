// TODO(issue 6): messages for ceremonies.
const ceremonies = {
  title: 'ceremonies',
}

export default ceremonies
