//! The protocol's byte streams: messages read from standard input and written to standard
//! output, each on a thread of its own. The command line holds standard output's lock for
//! the whole run, so the writer writes through a duplicate of its file descriptor instead.

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, bounded};
use lsp_server::{Connection, Message};

/// The threads behind a connection; joined once the loop has ended.
pub struct Threads {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Wait for both threads; the first error either met.
    pub fn join(self) -> io::Result<()> {
        let writer = self.writer.join().unwrap_or(Ok(()));
        // The reader may still wait for input the editor will never send.
        if self.reader.is_finished() {
            self.reader.join().unwrap_or(Ok(()))?;
        }
        writer
    }
}

/// Standard output as a file of its own.
fn stdout_file() -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        Ok(File::from(io::stdout().as_fd().try_clone_to_owned()?))
    }
    #[cfg(windows)]
    {
        use std::os::windows::io::AsHandle;
        Ok(File::from(io::stdout().as_handle().try_clone_to_owned()?))
    }
}

/// A connection over standard input and output.
pub fn stdio() -> io::Result<(Connection, Threads)> {
    let mut out = io::BufWriter::new(stdout_file()?);
    let (sender, outgoing): (Sender<Message>, Receiver<Message>) = bounded(0);
    let writer = std::thread::spawn(move || {
        for message in outgoing {
            message.write(&mut out)?;
            out.flush()?;
        }
        Ok(())
    });
    let (incoming, receiver) = bounded::<Message>(0);
    let reader = std::thread::spawn(move || {
        let mut input = BufReader::new(io::stdin());
        while let Some(message) = Message::read(&mut input)? {
            let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
            if incoming.send(message).is_err() || exit {
                break;
            }
        }
        Ok(())
    });
    Ok((Connection { sender, receiver }, Threads { reader, writer }))
}
