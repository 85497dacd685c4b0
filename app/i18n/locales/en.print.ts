// TODO(issue 6): messages for runOfShowPrint.
const runOfShowPrint = {
  title: 'runOfShowPrint',
}

export default runOfShowPrint
