//! icons: placeholder until the icon pass lands.

use super::{Handlers, Page, Pass};
use crate::config::Config;

pub struct IconsPass;

impl IconsPass {
    pub fn new(_config: &Config) -> Self {
        Self
    }
}

impl Pass for IconsPass {
    fn name(&self) -> &'static str {
        "icons"
    }
    fn register<'h>(&'h self, _page: &'h Page<'h>, _handlers: &mut Handlers<'h>) {}
}
