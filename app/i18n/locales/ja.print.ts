import type { Shape } from '../messages'
import type en from './en.print'

const runOfShowPrint: Shape<typeof en> = {
  title: 'runOfShowPrint',
}

export default runOfShowPrint
